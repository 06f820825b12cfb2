// This project's engine as a Stepper: the network, optimizer, metrics and batch path the trainer uses, on
// random pixels (the arithmetic's speed does not depend on the values).
import type { TrainConfig } from '../config';
import { TrainingEngine } from '../engine/trainStep';
import type { Stepper } from './measureSteps';
import { syntheticBatches } from './syntheticBatches';

/** The engine itself is exposed for the checkpoint benchmark (checkpointTimes.ts). With `diagnostics`, the
 *  step that ends a window is sampled and its sample read with the window, as the trainer does. */
export function engineStepper(config: TrainConfig, diagnostics = false): Stepper & { readonly engine: TrainingEngine } {
  const batches = syntheticBatches(config);
  const engine = new TrainingEngine(config, batches.meanImage, { diagnostics });
  return {
    engine,
    step(endsWindow: boolean) {
      engine.step(engine.input.prepare(batches.images, batches.nextIndices(), batches.augmentation), config.learningRate, endsWindow);
    },
    async readMetrics() {
      await Promise.all([engine.metrics.readAndReset(), engine.diagnostics?.read()]);
    },
    dispose() {
      engine.dispose();
    },
  };
}
