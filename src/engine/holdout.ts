// Which images a run trains on and which it evaluates on. §4.2 chose its schedule on a 45k/5k split of the
// training set; with it the evaluation curve is measured on held-out TRAINING images, not the test set.
import { VALIDATION_IMAGES } from '../config';
import { IMAGE_BYTES, type CifarSplit } from '../data/cifarFormat';
import { computeMeanImage } from '../data/meanImage';

/** Images start..start+count-1 of `split`, sharing its memory (subarray views: no copy of the 150 MB). */
export function imageRange(split: CifarSplit, start: number, count: number): CifarSplit {
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > split.count) {
    throw new RangeError(`imageRange: images ${start}..${start + count - 1} are not within the ${split.count} images`);
  }
  return {
    images: split.images.subarray(start * IMAGE_BYTES, (start + count) * IMAGE_BYTES),
    labels: split.labels.subarray(start, start + count),
    count,
  };
}

export interface RunSplits {
  /** The images batches are drawn from (a run with trainSubset uses the first N of them). */
  train: CifarSplit;
  /** The images of the evaluation curve (a run with testSubset uses the first N of them). */
  evaluation: CifarSplit;
  /** §4.2's per-pixel mean, over the images the run may train on. */
  meanImage: Float32Array;
}

/**
 * Without the split: all training images, the test set, and the dataset's mean image. With it: the first
 * count - 5,000 training images (45,000 of the official 50,000) and the last 5,000 as validation images; the
 * mean image is recomputed over the training part so nothing of the held-out images enters the input.
 */
export function splitsForRun(
  data: { train: CifarSplit; test: CifarSplit; meanImage: Float32Array },
  validationSplit: boolean,
): RunSplits {
  if (!validationSplit) return { train: data.train, evaluation: data.test, meanImage: data.meanImage };
  const evaluation = validationImages(data.train);
  const trainCount = data.train.count - evaluation.count;
  const train = imageRange(data.train, 0, trainCount);
  return { train, evaluation, meanImage: trainCount > 0 ? computeMeanImage(train) : data.meanImage };
}

/** The held-out images of the 45k/5k split: the last 5,000 training images (all of them, if fewer). */
export function validationImages(train: CifarSplit): CifarSplit {
  const held = Math.min(VALIDATION_IMAGES, train.count);
  return imageRange(train, train.count - held, held);
}
