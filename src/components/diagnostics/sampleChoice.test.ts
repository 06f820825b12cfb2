import { describe, expect, it } from 'vitest';
import { chooseSample, seededRandom } from './sampleChoice';

describe('the seeded choice of images', () => {
  it('gives the same indices for the same seed, other ones for another seed', () => {
    expect(chooseSample(10_000, 12, 1)).toEqual(chooseSample(10_000, 12, 1));
    expect(chooseSample(10_000, 12, 2)).not.toEqual(chooseSample(10_000, 12, 1));
  });

  it('draws k distinct whole indices within range', () => {
    for (const [count, seed] of [
      [10_000, 1],
      [13, 5],
      [12, 9],
      [1000, 123],
    ]) {
      const chosen = chooseSample(count, 12, seed);
      expect(chosen.length).toBe(12);
      expect(new Set(chosen).size).toBe(12);
      for (const i of chosen) {
        expect(Number.isInteger(i)).toBe(true);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(i).toBeLessThan(count);
      }
    }
  });

  it('gives every index once when there are fewer than k; nothing for none', () => {
    expect(chooseSample(5, 12, 3).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(chooseSample(0, 12, 3)).toEqual([]);
  });

  it('spreads its choices over the whole range', () => {
    const chosen = Array.from({ length: 50 }, (_, seed) => chooseSample(10_000, 12, seed)).flat();
    expect(Math.min(...chosen)).toBeLessThan(1000);
    expect(Math.max(...chosen)).toBeGreaterThan(9000);
  });

  it('draws numbers in [0, 1)', () => {
    const random = seededRandom(42);
    for (let i = 0; i < 1000; i++) {
      const x = random();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
