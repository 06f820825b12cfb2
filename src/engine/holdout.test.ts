import { describe, expect, it } from 'vitest';
import type { CifarSplit } from '../data/cifarFormat';
import { computeMeanImage } from '../data/meanImage';
import { imageRange, splitsForRun } from './holdout';

/** Image i has every pixel = i % 256 and label i % 10, so a view's contents show where it starts. */
function numberedSplit(count: number): CifarSplit {
  const images = new Uint8Array(count * 3072);
  for (let i = 0; i < count; i++) images.fill(i % 256, i * 3072, (i + 1) * 3072);
  return { images, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), count };
}

describe('held-out validation images (§4.2 45k/5k)', () => {
  it('makes a range a view of the same memory, not a copy', () => {
    const split = numberedSplit(20);
    const range = imageRange(split, 5, 3);
    expect(range.count).toBe(3);
    expect(range.images.buffer).toBe(split.images.buffer);
    expect(range.images.length).toBe(3 * 3072);
    expect([range.images[0], range.images[3072], range.images[3 * 3072 - 1]]).toEqual([5, 6, 7]);
    expect([...range.labels]).toEqual([5, 6, 7]);
    expect(() => imageRange(split, 18, 3)).toThrow(RangeError);
  });

  it('trains on all but the last 5,000 training images and evaluates on those 5,000', () => {
    const train = numberedSplit(5_064);
    const test = numberedSplit(10);
    const meanImage = computeMeanImage(train);
    const splits = splitsForRun({ train, test, meanImage }, true);
    expect(splits.train.count).toBe(64);
    expect(splits.evaluation.count).toBe(5_000);
    expect(splits.evaluation.images[0]).toBe(64);
    expect(splits.evaluation.labels[0]).toBe(4);
    // The mean is over the 64 training images only (values 0..63: mean 31.5), not the held-out ones.
    expect(splits.meanImage[0]).toBeCloseTo(31.5, 5);
    expect(splitsForRun({ train, test, meanImage }, false)).toEqual({ train, evaluation: test, meanImage });
  });
});
