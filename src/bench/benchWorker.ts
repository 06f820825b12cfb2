/// <reference lib="webworker" />
// The browser benchmark's worker: the same measurement as `npm run bench:node` (measureSteps over the trainer's
// TrainingEngine), counted at the WebGPU API of this worker, where tfjs runs. The counter wraps the prototypes
// before the backend is chosen, i.e. before tfjs creates its device. With `checkpoints` it times checkpoints
// instead (checkpointTimes.ts): this engine's step, then its saves to this worker's IndexedDB and its restores.
import { installWebGpuCounter } from './webgpuCounter';
import { chooseBackend } from '../engine/backend';
import type { BackendName } from '../protocol';
import type { TrainConfig } from '../config';
import { stepperFor, type BenchEngine } from './engines';
import { measureSteps, type StepMeasurement } from './measureSteps';
import { measureCheckpoints, type CheckpointOptions, type CheckpointTimes } from './checkpointTimes';

declare const self: DedicatedWorkerGlobalScope;
installWebGpuCounter(self as unknown as Parameters<typeof installWebGpuCounter>[0]);

export interface BenchRequest {
  backend: BackendName;
  configs: TrainConfig[];
  engines: BenchEngine[];
  steps: number;
  warmupSteps: number;
  /** Time checkpoints of the engine (fused kernels where the backend has them) instead of comparing engines. */
  checkpoints?: CheckpointOptions;
}

export interface BenchRow extends StepMeasurement {
  model: string;
  engine: BenchEngine;
  batchSize: number;
}

export interface CheckpointRow extends CheckpointTimes {
  model: string;
  batchSize: number;
}

export type BenchReply =
  | { type: 'backend'; backend: BackendName; adapter: string }
  | { type: 'row'; row: BenchRow }
  | { type: 'checkpoint'; row: CheckpointRow }
  | { type: 'done' }
  | { type: 'error'; message: string };

const post = (reply: BenchReply) => self.postMessage(reply);
const modelName = ({ blockType, depth, width }: TrainConfig['model']) => `${blockType === 'plain' ? 'plain' : 'ResNet'}-${depth} width ${width}`;

self.onmessage = async (event: MessageEvent<BenchRequest>) => {
  const request = event.data;
  try {
    const choice = await chooseBackend([request.backend]);
    post({ type: 'backend', backend: choice.backend, adapter: choice.detail });
    // Only WebGPU has fused kernels; elsewhere this engine runs the reference ops.
    const engines = choice.backend === 'webgpu' ? request.engines : request.engines.filter((e) => e !== 'fused' && e !== 'diagnostics');
    const steps = { steps: request.steps, warmupSteps: request.warmupSteps, readEvery: Math.min(20, request.steps) };
    for (const config of request.configs) {
      const named = { model: modelName(config.model), batchSize: config.batchSize };
      if (request.checkpoints) {
        const engine = engines.includes('fused') ? 'fused' : 'reference';
        const measured = await measureCheckpoints(config, engine, steps, request.checkpoints);
        post({ type: 'row', row: { ...named, engine, ...measured.steps } });
        post({ type: 'checkpoint', row: { ...named, ...measured.times } });
        continue;
      }
      for (const engine of engines) {
        const stepper = stepperFor(engine, config);
        const measured = await measureSteps(stepper, config.batchSize, steps);
        stepper.dispose();
        post({ type: 'row', row: { ...named, engine, ...measured } });
      }
    }
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
