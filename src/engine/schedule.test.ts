import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, presetById, type TrainConfig } from '../config';
import {
  evaluationIterations,
  iterationsPerEpoch,
  learningRateAt,
  lrDropIterations,
  runLength,
  warmupIsOver,
  warmupLearningRate,
} from './schedule';

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

const paper = presetById('paper').config;
const short: TrainConfig = { ...DEFAULT_CONFIG, schedule: 'quick', epochs: 15 };

describe('runLength: one source for the trainer and the wall-time estimate', () => {
  it('runs the paper schedule for exactly 64,000 iterations with drops at 32,000 and 48,000, whatever the epochs', () => {
    for (const epochs of [1, 164, 500]) {
      const length = runLength({ ...paper, epochs }, 50_000, 10_000);
      expect(length.totalIterations).toBe(64_000);
      expect(length.lrDropIterations).toEqual([32_000, 48_000]);
    }
    const { totalIterations, lrDropIterations: drops } = runLength(paper, 50_000, 10_000);
    expect(learningRateAt(31_999, totalIterations, 0.1)).toBe(0.1);
    expect(learningRateAt(32_000, totalIterations, 0.1)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(48_000, totalIterations, 0.1)).toBeCloseTo(0.001, 12);
    expect(drops[0]).toBe(32_000);
  });

  it('evaluates a paper run once per epoch up to 64,000, and always at the last iteration', () => {
    const length = runLength(paper, 50_000, 10_000);
    expect(length.iterationsPerEpoch).toBe(390);
    // 64,000 / 390 = 164.1 epochs: 164 epoch ends, then the last iteration.
    expect(length.evaluationIterations).toHaveLength(165);
    expect(length.evaluationIterations.slice(0, 2)).toEqual([390, 780]);
    expect(length.evaluationIterations.slice(-2)).toEqual([63_960, 64_000]);
    expect(Math.max(...length.evaluationIterations)).toBe(64_000);
    // Ascending, no duplicates.
    expect(length.evaluationIterations).toEqual([...new Set(length.evaluationIterations)].sort((a, b) => a - b));
  });

  it('scales a quick schedule: 15 epochs of 390 iterations drop at 2,925 and 4,388 (rounded) of 5,850', () => {
    const length = runLength(short, 50_000, 10_000);
    expect(length).toMatchObject({ trainImages: 50_000, evalImages: 10_000, evaluatedOn: 'test', iterationsPerEpoch: 390, totalIterations: 5_850 });
    expect(length.lrDropIterations).toEqual([2_925, 4_388]);
    expect(length.evaluationIterations).toHaveLength(15);
    expect(length.evaluationIterations[14]).toBe(5_850);
  });

  it('always evaluates the last iteration of a quick run, also with several evaluations per epoch', () => {
    const length = runLength({ ...short, epochs: 2, evalsPerEpoch: 4, trainSubset: 1_000, batchSize: 128 }, 50_000, 10_000);
    expect(length.iterationsPerEpoch).toBe(7);
    expect(length.evaluationIterations).toEqual([2, 4, 5, 7, 9, 11, 12, 14]);
  });

  it('holds out the last 5,000 training images with the 45k/5k split and evaluates on them', () => {
    const split = runLength({ ...paper, validationSplit: true }, 50_000, 10_000);
    expect(split).toMatchObject({ trainImages: 45_000, evalImages: 5_000, evaluatedOn: 'validation', iterationsPerEpoch: 351, totalIterations: 64_000 });
    // 64,000 / 351 = 182.3 epochs: 182 epoch ends, then the last iteration.
    expect(split.evaluationIterations).toHaveLength(183);
    // trainSubset takes the first N of the 45,000; testSubset caps the 5,000 validation images.
    expect(runLength({ ...short, validationSplit: true, trainSubset: 10_000, testSubset: 2_000 }, 50_000, 10_000)).toMatchObject({
      trainImages: 10_000,
      evalImages: 2_000,
      evaluatedOn: 'validation',
    });
    expect(runLength({ ...short, validationSplit: true, testSubset: 8_000 }, 50_000, 10_000).evalImages).toBe(5_000);
    // Without the split the test set is used, capped by testSubset.
    expect(runLength({ ...short, testSubset: 8_000 }, 50_000, 10_000)).toMatchObject({ trainImages: 50_000, evalImages: 8_000, evaluatedOn: 'test' });
  });

  it('never trains on a dataset smaller than one batch', () => {
    expect(runLength({ ...paper, batchSize: 128 }, 100, 100)).toMatchObject({ iterationsPerEpoch: 0, totalIterations: 0, evaluationIterations: [] });
  });
});

describe('ResNet-110 warm-up (§4.2)', () => {
  it('uses lr/10 (0.01 for 0.1) until a training error below 80%', () => {
    expect(warmupLearningRate(0.1)).toBeCloseTo(0.01, 12);
    expect(warmupIsOver(80)).toBe(false);
    expect(warmupIsOver(79.9)).toBe(true);
  });
});
