import { describe, expect, it } from 'vitest';
import { learningRateSteps, warmupState } from './learningRateSteps';
import { testRun } from './testRuns';

describe('the learning-rate strip', () => {
  it('steps §4.2’s schedule: 0.1, ÷10 at 32k and 48k of 64k', () => {
    const run = testRun('r20', { model: { depth: 20, blockType: 'residual' }, preset: 'paper', trained: 0 });
    expect(learningRateSteps(run)).toEqual([
      { iteration: 0, learningRate: 0.1 },
      { iteration: 32_000, learningRate: 0.01 },
      { iteration: 48_000, learningRate: 0.001 },
      { iteration: 64_000, learningRate: 0.001 },
    ]);
    expect(warmupState(run)).toEqual({ kind: 'none' });
  });

  it('draws the ResNet-110 warm-up up to where its training error fell below 80%', () => {
    const run = testRun('r110', { model: { depth: 110, blockType: 'residual' }, preset: 'paper', config: { warmup: true }, trained: 0 });
    const points = [85, 81, 79, 60].map((trainError, i) => ({ iteration: (i + 1) * 100, epoch: 0, trainError, trainLoss: 2, learningRate: i < 3 ? 0.01 : 0.1 }));
    const warmedUp = { ...run, train: points };
    expect(warmupState(warmedUp)).toEqual({ kind: 'ended', at: 300 });
    expect(learningRateSteps(warmedUp).slice(0, 3)).toEqual([
      { iteration: 0, learningRate: 0.01 },
      { iteration: 300, learningRate: 0.1 },
      { iteration: 32_000, learningRate: 0.01 },
    ]);
    // Still warming up after 200 iterations: 0.01 up to there, the plan after.
    const warming = { ...run, train: points.slice(0, 2) };
    expect(warmupState(warming)).toEqual({ kind: 'on', at: 200 });
    expect(learningRateSteps(warming)[1]).toEqual({ iteration: 200, learningRate: 0.1 });
  });

  it('draws nothing for a run without a length or points', () => {
    const run = testRun('x', { model: { depth: 8 }, trained: 0 });
    expect(learningRateSteps({ ...run, totalIterations: undefined })).toEqual([]);
  });
});
