// This project's engine as a Stepper: the network, optimizer, metrics and batch path the trainer uses, on
// random pixels (the arithmetic's speed does not depend on the values).
import type { TrainConfig } from '../config';
import { TrainingEngine } from '../engine/trainStep';
import type { Stepper } from './measureSteps';
import { syntheticBatches } from './syntheticBatches';

export function engineStepper(config: TrainConfig): Stepper {
  const batches = syntheticBatches(config);
  const engine = new TrainingEngine(config, batches.meanImage);
  return {
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
