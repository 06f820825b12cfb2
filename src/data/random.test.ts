import { describe, expect, it } from 'vitest';
import { Random, shuffleInPlace } from './random';
import { sameElements } from './testing/fixtures';

const draws = (rng: Random, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('Random', () => {
  it('gives the same stream for the same seed and different streams for neighbouring seeds', () => {
    expect(draws(new Random(42), 100)).toEqual(draws(new Random(42), 100));
    expect(draws(new Random(0), 10)).not.toEqual(draws(new Random(1), 10));
  });

  it('draws in [0, 1) and integers in range, roughly uniformly', () => {
    const rng = new Random(7);
    const counts = new Array<number>(9).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 90_000; i++) {
      const value = rng.next();
      if (!(value >= 0 && value < 1)) outOfRange++;
      counts[rng.int(9)]++;
    }
    expect(outOfRange).toBe(0);
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500); // > 5 sigma
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(RangeError);
  });

  it('resumes exactly from a saved state, also through JSON', () => {
    const rng = new Random(123);
    draws(rng, 37);
    const state = rng.getState();
    expect(state).toHaveLength(4);
    const restored = Random.fromState(JSON.parse(JSON.stringify(state)) as number[]);
    expect(draws(restored, 50)).toEqual(draws(rng, 50));
    expect(() => Random.fromState([1, 2, 3])).toThrow(RangeError);
    expect(() => Random.fromState([1, 2, 3, -1])).toThrow(RangeError);
  });
});

describe('shuffleInPlace', () => {
  it('permutes (every index exactly once) and is reproducible', () => {
    const a = shuffleInPlace(Int32Array.from({ length: 50_000 }, (_, i) => i), new Random(5));
    const b = shuffleInPlace(Int32Array.from({ length: 50_000 }, (_, i) => i), new Random(5));
    expect(sameElements(a, b)).toBe(true);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 50_000 }, (_, i) => i));
    expect(Array.from(a.subarray(0, 10))).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('shuffles number arrays and puts each element first about equally often', () => {
    const firsts = new Array<number>(4).fill(0);
    const rng = new Random(11);
    for (let i = 0; i < 4_000; i++) firsts[shuffleInPlace([0, 1, 2, 3], rng)[0]]++;
    for (const count of firsts) expect(Math.abs(count - 1_000)).toBeLessThan(150);
  });
});
