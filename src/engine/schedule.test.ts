import { describe, expect, it } from 'vitest';
import { evaluationIterations, iterationsPerEpoch, learningRateAt, lrDropIterations } from './schedule';

describe('learning-rate schedule (§4.2)', () => {
  it('drops at 32k and 48k of the paper\'s 64k iterations', () => {
    expect(lrDropIterations(64_000)).toEqual([32_000, 48_000]);
    expect(learningRateAt(0, 64_000, 0.1)).toBe(0.1);
    expect(learningRateAt(31_999, 64_000, 0.1)).toBe(0.1);
    expect(learningRateAt(32_000, 64_000, 0.1)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(47_999, 64_000, 0.1)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(48_000, 64_000, 0.1)).toBeCloseTo(0.001, 12);
    expect(learningRateAt(63_999, 64_000, 0.1)).toBeCloseTo(0.001, 12);
  });

  it('scales the drops to 50% and 75% of a shorter run (the reference\'s 40 epochs: 7,800 and 11,700 of 15,600)', () => {
    expect(lrDropIterations(15_600)).toEqual([7_800, 11_700]);
    expect(learningRateAt(7_799, 15_600, 0.1)).toBe(0.1);
    expect(learningRateAt(7_800, 15_600, 0.1)).toBeCloseTo(0.01, 12);
  });

  it('drops the last partial batch so every step has the same shape', () => {
    expect(iterationsPerEpoch(50_000, 128)).toBe(390);
    expect(iterationsPerEpoch(64, 16)).toBe(4);
    expect(iterationsPerEpoch(10, 16)).toBe(0);
  });

  it('spaces test evaluations evenly within each epoch, the last one at the epoch end', () => {
    expect([...evaluationIterations(390, 2, 1)]).toEqual([390, 780]);
    expect([...evaluationIterations(10, 1, 4)].sort((a, b) => a - b)).toEqual([3, 5, 8, 10]);
    expect([...evaluationIterations(2, 1, 4)].sort((a, b) => a - b)).toEqual([1, 2]);
  });
});
