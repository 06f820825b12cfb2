// What checkpoints cost a run (`npm run bench -- --checkpoints`), measured in the bench worker with the app's own
// code: captureTensors (every tensor read back), openCheckpointStore().save (structured clone + IndexedDB write of a
// slot, then the pointer), store.load + restoreTensors, against the training step's time (measureSteps).
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { checkpointBytes, type Checkpoint } from '../checkpoint/checkpoint';
import { openCheckpointStore } from '../checkpoint/checkpointStore';
import { CIFAR_TEST_IMAGES, CIFAR_TRAIN_IMAGES, type TrainConfig } from '../config';
import { Random } from '../data/random';
import { MAX_SAVE_FRACTION, MIN_CHECKPOINT_INTERVAL_MS } from '../engine/checkpointCadence';
import { captureTensors, restoreTensors } from '../engine/checkpointing';
import { runLength } from '../engine/schedule';
import type { TrainingEngine } from '../engine/trainStep';
import { setKernelMode, type KernelMode } from '../model/kernels/kernelMode';
import { engineStepper } from './engineStepper';
import { measureSteps, type StepMeasurement } from './measureSteps';

export interface CheckpointOptions {
  /** Checkpoints saved (and restored) in a row; the figures are their medians. */
  saves: number;
  /** Also the overhead if a checkpoint were saved every N steps, for each N. */
  everySteps: number[];
}

export interface CheckpointTimes {
  /** checkpointBytes: weights, BN statistics, momentum buffers and the epoch's order of trainImages images. */
  bytes: number;
  tensors: number;
  trainImages: number;
  /** Per save, ms: captureTensors, then store.save; the trainer times their sum as a save. */
  captureMs: number[];
  writeMs: number[];
  /** Per restore, ms: store.load, then restoreTensors plus the upload of every tensor to the GPU. */
  loadMs: number[];
  restoreMs: number[];
  medianCaptureMs: number;
  medianWriteMs: number;
  medianSaveMs: number;
  medianLoadMs: number;
  medianRestoreMs: number;
  msPerStep: number;
  /** What CheckpointCadence waits after a save of medianSaveMs: max(10 s, 49 x the save). */
  cadenceIntervalMs: number;
  /** save / (save + interval), %. */
  overheadAtCadencePercent: number;
  overheadEvery: { steps: number; percent: number }[];
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const overheadPercent = (saveMs: number, betweenMs: number) => round((100 * saveMs) / (saveMs + betweenMs), 2);

/** On WebGPU tfjs uploads a tensor's values at its first use, i.e. in the first step after a resume: this does
 *  it now for every tensor restoreTensors set (the list checkpointing.ts saves) and waits for the GPU. */
async function uploadRestored(engine: TrainingEngine): Promise<void> {
  if (tf.getBackend() !== 'webgpu') return;
  const backend = tf.backend() as WebGPUBackend;
  const variables = [...engine.network.parameters.map((p) => p.variable), ...engine.network.bnStatistics, ...engine.optimizer.namedBuffers().map((b) => b.variable)];
  for (const variable of variables) backend.uploadToGPU(variable.dataId);
  backend.ensureCommandEncoderReady(); // what tfjs does before it submits its stream of work
  backend.endComputePassEncoder();
  backend.submitQueue();
  await backend.device.queue.onSubmittedWorkDone();
}

/** Times `steps` training steps of this project's engine, then `saves` checkpoints of it to IndexedDB and as
 *  many restores, as the trainer and the worker do them. */
export async function measureCheckpoints(
  config: TrainConfig,
  kernels: KernelMode,
  steps: { steps: number; warmupSteps: number; readEvery: number },
  options: CheckpointOptions,
): Promise<{ steps: StepMeasurement; times: CheckpointTimes }> {
  setKernelMode(kernels);
  const stepper = engineStepper(config);
  const { engine } = stepper;
  const store = await openCheckpointStore();
  if (!store) throw new Error("IndexedDB is unavailable in this browser's worker: no checkpoints to time.");
  const runId = `bench-checkpoints-${config.model.depth}`;
  try {
    const measured = await measureSteps(stepper, config.batchSize, steps);
    // The checkpoint a run of this config on CIFAR-10 saves (the epoch's order is one int32 per training image).
    const { trainImages } = runLength(config, CIFAR_TRAIN_IMAGES, CIFAR_TEST_IMAGES);
    const order = Int32Array.from({ length: trainImages }, (_, i) => i);
    const rngState = new Random(config.seed).getState();
    await store.delete(runId);

    const captureMs: number[] = [];
    const writeMs: number[] = [];
    let bytes = 0;
    let tensorCount = 0;
    for (let i = 0; i < options.saves; i++) {
      const startedAt = performance.now();
      const { tensors } = await captureTensors(engine);
      const capturedAt = performance.now();
      const checkpoint: Checkpoint = { runId, iteration: i + 1, savedAt: Date.now(), config, trainImages, tensors, rngState, order: order.slice(), warmingUp: false };
      await store.save(checkpoint);
      writeMs.push(performance.now() - capturedAt);
      captureMs.push(capturedAt - startedAt);
      bytes = checkpointBytes(checkpoint);
      tensorCount = tensors.length;
    }

    const loadMs: number[] = [];
    const restoreMs: number[] = [];
    for (let i = 0; i < options.saves; i++) {
      const startedAt = performance.now();
      const loaded = await store.load(runId);
      if (!loaded.checkpoint) throw new Error(`The checkpoint just saved did not load: ${loaded.problem}.`);
      const loadedAt = performance.now();
      restoreTensors(engine, loaded.checkpoint.tensors);
      await uploadRestored(engine);
      restoreMs.push(performance.now() - loadedAt);
      loadMs.push(loadedAt - startedAt);
    }

    const medianSaveMs = median(captureMs.map((ms, i) => ms + writeMs[i]));
    const cadenceIntervalMs = Math.max(MIN_CHECKPOINT_INTERVAL_MS, (medianSaveMs * (1 - MAX_SAVE_FRACTION)) / MAX_SAVE_FRACTION);
    const times: CheckpointTimes = {
      bytes,
      tensors: tensorCount,
      trainImages,
      captureMs: captureMs.map((ms) => round(ms)),
      writeMs: writeMs.map((ms) => round(ms)),
      loadMs: loadMs.map((ms) => round(ms)),
      restoreMs: restoreMs.map((ms) => round(ms)),
      medianCaptureMs: round(median(captureMs)),
      medianWriteMs: round(median(writeMs)),
      medianSaveMs: round(medianSaveMs),
      medianLoadMs: round(median(loadMs)),
      medianRestoreMs: round(median(restoreMs)),
      msPerStep: measured.msPerStep,
      cadenceIntervalMs: round(cadenceIntervalMs),
      overheadAtCadencePercent: overheadPercent(medianSaveMs, cadenceIntervalMs),
      overheadEvery: options.everySteps.map((n) => ({ steps: n, percent: overheadPercent(medianSaveMs, n * measured.msPerStep) })),
    };
    return { steps: measured, times };
  } finally {
    await store.delete(runId).catch(() => undefined);
    stepper.dispose();
  }
}
