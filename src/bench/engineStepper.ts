// This project's engine as a Stepper: the network, optimizer, metrics and batch path the trainer uses, on
// random pixels (the arithmetic's speed does not depend on the values).
import type { TrainConfig } from '../config';
import { TrainingEngine } from '../engine/trainStep';
import type { Stepper } from './measureSteps';
import { syntheticBatches } from './syntheticBatches';

/** The engine itself is exposed for the checkpoint benchmark (checkpointTimes.ts). */
export function engineStepper(config: TrainConfig): Stepper & { readonly engine: TrainingEngine } {
  const batches = syntheticBatches(config);
  const engine = new TrainingEngine(config, batches.meanImage);
  return {
    engine,
    step() {
      engine.step(engine.input.prepare(batches.images, batches.nextIndices(), batches.augmentation), config.learningRate);
    },
    async readMetrics() {
      await engine.metrics.readAndReset();
    },
    dispose() {
      engine.dispose();
    },
  };
}
