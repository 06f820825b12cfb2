import { describe, expect, it } from 'vitest';
import { makeBatch } from './batch';
import { type CifarSplit, IMAGE_BYTES } from './cifarFormat';
import { Random, type RandomSource } from './random';
import { makeBatchBytes, sameElements } from './testing/fixtures';
import { parseBatchFile } from './cifarParser';

/** Index of (image b, row, col, channel) in an NHWC batch. */
const nhwc = (b: number, row: number, col: number, c: number): number => ((b * 32 + row) * 32 + col) * 3 + c;
/** Index of (row, col, channel) in a CHW image. */
const chw = (row: number, col: number, c: number): number => c * 1024 + row * 32 + col;

/** A fixed "random" source: every int() draw returns `offset`, every next() returns `uniform`. */
function stub(offset: number, uniform: number, calls: string[] = []): RandomSource {
  return {
    int: (max) => (calls.push(`int(${max})`), offset),
    next: () => (calls.push('next()'), uniform),
  };
}

/** Images whose pixels name their position: R = 101 + row, G = 101 + column, B = 250. */
function sentinelSplit(count: number): CifarSplit {
  const images = new Uint8Array(count * IMAGE_BYTES);
  for (let image = 0; image < count; image++) {
    for (let row = 0; row < 32; row++) {
      for (let col = 0; col < 32; col++) {
        images[image * IMAGE_BYTES + chw(row, col, 0)] = 101 + row;
        images[image * IMAGE_BYTES + chw(row, col, 1)] = 101 + col;
        images[image * IMAGE_BYTES + chw(row, col, 2)] = 250;
      }
    }
  }
  return { images, labels: new Uint8Array(count).fill(3), count };
}

const split = parseBatchFile('data_batch_1.bin', makeBatchBytes(10_000, 1));
const mean = Float32Array.from({ length: IMAGE_BYTES }, (_, i) => (i % 97) + 0.25);

describe('makeBatch without augmentation', () => {
  it('writes NHWC, subtracts the mean exactly and copies labels', () => {
    const indices = [17, 9_999, 0];
    const { x, labels } = makeBatch(split, indices, mean, null);
    expect(x.length).toBe(3 * 32 * 32 * 3);
    expect(labels).toEqual(Int32Array.from(indices, (i) => split.labels[i]));
    for (const [b, image] of indices.entries()) {
      for (const [row, col, c] of [[0, 0, 0], [5, 17, 2], [31, 31, 1], [12, 3, 0]]) {
        const pixel = split.images[image * IMAGE_BYTES + chw(row, col, c)];
        expect(x[nhwc(b, row, col, c)]).toBe(Math.fround(pixel - mean[chw(row, col, c)]));
      }
    }
  });

  it('rejects indices outside the split and a wrong-size mean image', () => {
    expect(() => makeBatch(split, [10_000], mean, null)).toThrow(RangeError);
    expect(() => makeBatch(split, [0], new Float32Array(10), null)).toThrow(RangeError);
  });
});

describe('makeBatch with augmentation (§4.2: pad 4, random 32x32 crop, random horizontal flip)', () => {
  const sentinel = sentinelSplit(1);
  const flatMean = new Float32Array(IMAGE_BYTES).fill(100);

  it('crops within 4 pixels: every pixel is a source pixel minus the mean, or 0 padding at a border', () => {
    const batchSize = 400;
    const { x } = makeBatch(sentinel, new Array<number>(batchSize).fill(0), flatMean, new Random(2024));
    /** Whether image b of the batch is exactly the sentinel shifted by (dy, dx), optionally mirrored, 0-padded. */
    const matches = (b: number, dy: number, dx: number, flip: boolean): boolean => {
      for (let row = 0; row < 32; row++) {
        for (let col = 0; col < 32; col++) {
          const sourceRow = row + dy;
          const sourceCol = (flip ? 31 - col : col) + dx;
          const inside = sourceRow >= 0 && sourceRow < 32 && sourceCol >= 0 && sourceCol < 32;
          // After the mean (100): R = 1 + source row, G = 1 + source column, B = 150; padding is 0, 0, 0.
          const expected = inside ? [1 + sourceRow, 1 + sourceCol, 150] : [0, 0, 0];
          for (let c = 0; c < 3; c++) if (x[nhwc(b, row, col, c)] !== expected[c]) return false;
        }
      }
      return true;
    };
    const seen = new Set<string>();
    let unexplained = 0;
    for (let b = 0; b < batchSize; b++) {
      const explanations: string[] = [];
      for (let dy = -4; dy <= 4; dy++) {
        for (let dx = -4; dx <= 4; dx++) {
          for (const flip of [false, true]) if (matches(b, dy, dx, flip)) explanations.push(`${dy},${dx},${flip}`);
        }
      }
      if (explanations.length === 1) seen.add(explanations[0]);
      else unexplained++;
    }
    expect(unexplained).toBe(0);
    // 9 x 9 offsets x 2 flips = 162 combinations; 400 draws should hit most of them.
    expect(seen.size).toBeGreaterThan(120);
  });

  it('flips as an exact mirror of the unaugmented image', () => {
    const plain = makeBatch(split, [42], mean, null).x;
    const flipped = makeBatch(split, [42], mean, stub(4, 0)).x; // offset 4 = no shift; next() 0 < 0.5 = flip
    for (let row = 0; row < 32; row++) {
      for (let col = 0; col < 32; col++) {
        for (let c = 0; c < 3; c++) expect(flipped[nhwc(0, row, col, c)]).toBe(plain[nhwc(0, row, 31 - col, c)]);
      }
    }
    expect(sameElements(makeBatch(split, [42], mean, stub(4, 0.5)).x, plain)).toBe(true); // 0.5: no flip
  });

  it('crops at the top-left corner of the padded image for offsets 0', () => {
    const plain = makeBatch(split, [7], mean, null).x;
    const shifted = makeBatch(split, [7], mean, stub(0, 0.9)).x;
    for (let row = 0; row < 32; row++) {
      for (let col = 0; col < 32; col++) {
        const expected = row < 4 || col < 4 ? 0 : plain[nhwc(0, row - 4, col - 4, 1)];
        expect(shifted[nhwc(0, row, col, 1)]).toBe(expected);
      }
    }
  });

  it('draws top offset, left offset, then flip, per image in batch order', () => {
    const calls: string[] = [];
    makeBatch(split, [1, 2], mean, stub(4, 0.9, calls));
    expect(calls).toEqual(['int(9)', 'int(9)', 'next()', 'int(9)', 'int(9)', 'next()']);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const indices = Array.from({ length: 64 }, (_, i) => i * 13);
    const a = makeBatch(split, indices, mean, new Random(9));
    const b = makeBatch(split, indices, mean, new Random(9));
    const c = makeBatch(split, indices, mean, new Random(10));
    expect(sameElements(a.x, b.x)).toBe(true);
    expect(sameElements(a.x, c.x)).toBe(false);
    expect(a.labels).toEqual(c.labels);
  });
});
