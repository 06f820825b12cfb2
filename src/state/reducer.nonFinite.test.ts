// Nothing non-finite enters a run's curves (issue 19): a NaN test loss the reducer stored made the run's record
// unreadable at the next reload. The trainer no longer emits one; the reducer refuses one all the same.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import { INITIAL_STATE } from './appState';
import { reduce, type Action } from './reducer';
import { curvesProblem } from './runCurves';

const config = PRESETS[0].config;

const started: Action[] = [
  { type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 },
  { type: 'runStarting', runId: 'r1' },
  { type: 'runStarted', runId: 'r1', config, trainableParameters: 269_722, iterationsPerEpoch: 4, totalIterations: 8, lrDropIterations: [4, 6], evaluatedOn: 'test' },
  { type: 'runState', runId: 'r1', state: 'running' },
];

const progress = (iteration: number, trainLoss: number, trainError = 50): Action => ({
  type: 'trainProgress',
  runId: 'r1',
  iteration,
  epoch: iteration / 4,
  trainError,
  trainLoss,
  learningRate: 0.1,
  imagesPerSecond: 10,
  etaSeconds: 5,
  tensorsAlive: 100,
  gpuBytes: null,
});

const evaluation = (iteration: number, testLoss: number, testError = 60): Action => ({ type: 'evaluation', runId: 'r1', iteration, epoch: iteration / 4, testError, testLoss });

describe('reduce: no non-finite point is stored', () => {
  it('an evaluation with a NaN or infinite loss or error is left out (with its confusion matrix); the evaluation ends', () => {
    const evaluating: Action = { type: 'evaluationStarted', runId: 'r1', iteration: 4, images: 16 };
    const state = [...started, progress(4, 2), evaluation(4, 1.9), progress(6, 2.1), evaluating, { ...evaluation(6, Number.NaN), confusion: new Array(100).fill(0) } as Action].reduce(reduce, INITIAL_STATE);
    const [run] = state.runs;
    expect(run.test).toEqual([{ iteration: 4, epoch: 1, testError: 60, testLoss: 1.9 }]);
    expect(run.evaluatingImages).toBeUndefined();
    expect(curvesProblem(run.config, run.train, run.test)).toBeNull();
    for (const bad of [evaluation(6, Infinity), evaluation(6, 1, Number.NaN), evaluation(6, 1, -Infinity)]) {
      expect(reduce(state, bad).runs[0].test).toEqual(run.test);
    }
  });

  it('a training point with a NaN or infinite loss or error is left out; the status bar still hears where the run is', () => {
    const state = [...started, progress(1, 2.3), progress(2, Number.NaN)].reduce(reduce, INITIAL_STATE);
    const [run] = state.runs;
    expect(run.train.map((p) => p.iteration)).toEqual([1]);
    expect(run.live).toMatchObject({ iteration: 2 });
    expect(reduce(state, progress(3, 2, Infinity)).runs[0].train).toEqual(run.train);
  });
});
