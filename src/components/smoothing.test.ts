import { describe, expect, it } from 'vitest';
import { debiasedEma } from './smoothing';

describe('debiasedEma', () => {
  it('leaves the first point unbiased and a constant series constant', () => {
    expect(debiasedEma([80], 0.9)).toEqual([80]);
    debiasedEma([50, 50, 50, 50], 0.95).forEach((v) => expect(v).toBeCloseTo(50, 10));
  });

  it('is the weighted mean of the points so far, newest weighted most', () => {
    const [, second] = debiasedEma([10, 20], 0.5);
    // (0.5 * 0.5 * 10 + 0.5 * 20) / (1 - 0.25) = 15 / 0.75 = 16.67
    expect(second).toBeCloseTo(50 / 3, 10);
  });

  it('weight 0 is the raw curve; the weight must be in [0, 1)', () => {
    expect(debiasedEma([3, 1, 4], 0)).toEqual([3, 1, 4]);
    expect(() => debiasedEma([1], 1)).toThrow(RangeError);
    expect(() => debiasedEma([1], Number.NaN)).toThrow(RangeError);
  });

  it('damps noise: the smoothed curve of an alternating series stays near its mean', () => {
    const noisy = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 40 : 60));
    const smoothed = debiasedEma(noisy, 0.9);
    expect(Math.abs(smoothed[199] - 50)).toBeLessThan(1);
  });
});
