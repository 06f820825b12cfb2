// The batches the benchmarks train on: random pixels and labels (the arithmetic's speed does not depend on the
// values), four batches' worth taken in turn, with the recipe's augmentation draws and a flat mean image.
import type { TrainConfig } from '../config';
import { IMAGE_BYTES, type CifarSplit } from '../data/cifarFormat';
import { Random } from '../data/random';
import { randomSplit } from '../engine/speedProbe';

export interface SyntheticBatches {
  images: CifarSplit;
  meanImage: Float32Array;
  /** The augmentation's random source; null when the recipe does not augment. */
  augmentation: Random | null;
  /** The next batch's image indices. */
  nextIndices(): number[];
}

export function syntheticBatches(config: TrainConfig): SyntheticBatches {
  const rng = new Random(config.seed);
  const images = randomSplit(config.batchSize * 4, rng);
  let next = 0;
  return {
    images,
    meanImage: new Float32Array(IMAGE_BYTES).fill(120),
    augmentation: config.augment ? rng : null,
    nextIndices() {
      const indices = Array.from({ length: config.batchSize }, (_, i) => (next + i) % images.count);
      next = (next + config.batchSize) % images.count;
      return indices;
    },
  };
}
