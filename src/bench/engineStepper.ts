// This project's engine as a Stepper: the network, optimizer, metrics and batch path the trainer uses, on
// random pixels (the arithmetic's speed does not depend on the values).
import type { TrainConfig } from '../config';
import { IMAGE_BYTES } from '../data/cifarFormat';
import { Random } from '../data/random';
import { randomSplit } from '../engine/speedProbe';
import { TrainingEngine } from '../engine/trainStep';
import type { Stepper } from './measureSteps';

export function engineStepper(config: TrainConfig): Stepper {
  const rng = new Random(config.seed);
  const images = randomSplit(config.batchSize * 4, rng);
  const meanImage = new Float32Array(IMAGE_BYTES).fill(120);
  const engine = new TrainingEngine(config, meanImage);
  let next = 0;
  return {
    step() {
      const indices = Array.from({ length: config.batchSize }, (_, i) => (next + i) % images.count);
      next = (next + config.batchSize) % images.count;
      engine.step(engine.input.prepare(images, indices, config.augment ? rng : null), config.learningRate);
    },
    async readMetrics() {
      await engine.metrics.readAndReset();
    },
    dispose() {
      engine.dispose();
    },
  };
}
