import { describe, expect, it } from 'vitest';
import { PRESETS, modelName } from '../config';
import { INITIAL_STATE, activeRun, nextQueuedRun, runName, type AppState } from './appState';
import { reduce, type Action } from './reducer';

const config = PRESETS[0].config;
const run = (actions: Action[], from: AppState = INITIAL_STATE) => actions.reduce(reduce, from);

/** A run queued and handed to the worker, as the queue runner does. */
const requested = (runId: string): Action[] => [
  { type: 'runsQueued', runs: [{ runId, config }], createdAt: 0 },
  { type: 'runStarting', runId },
];

const progress = (iteration: number, trainError: number): Action => ({
  type: 'trainProgress',
  runId: 'r1',
  iteration,
  epoch: iteration / 4,
  trainError,
  trainLoss: 2,
  learningRate: 0.1,
  imagesPerSecond: 10,
  etaSeconds: 5,
  tensorsAlive: 100,
  gpuBytes: 12_345_678,
});

describe('reduce', () => {
  it('builds a run\'s curves from worker events', () => {
    const state = run([
      ...requested('r1'),
      { type: 'runStarted', runId: 'r1', config, trainableParameters: 269_722, iterationsPerEpoch: 4, totalIterations: 8, lrDropIterations: [4, 6], evaluatedOn: 'test' },
      { type: 'runState', runId: 'r1', state: 'running' },
      progress(1, 90),
      progress(2, 80),
      { type: 'evaluation', runId: 'r1', iteration: 4, epoch: 1, testError: 70, testLoss: 1.9 },
    ]);
    const r = state.runs[0];
    expect(r.state).toBe('running');
    expect(r.trainableParameters).toBe(269_722);
    expect(r.train.map((p) => [p.iteration, p.trainError])).toEqual([[1, 90], [2, 80]]);
    expect(r.test).toEqual([{ iteration: 4, epoch: 1, testError: 70, testLoss: 1.9 }]);
    expect(r.live).toMatchObject({ iteration: 2, tensorsAlive: 100, gpuBytes: 12_345_678 });
    expect(activeRun(state)?.id).toBe('r1');
  });

  it('keeps the curves of a stopped or failed run and tells the user why it failed', () => {
    const started = run([...requested('r1'), progress(1, 90)]);
    const stopped = reduce(started, { type: 'runState', runId: 'r1', state: 'stopped' });
    expect(stopped.runs[0].train).toHaveLength(1);
    expect(activeRun(stopped)).toBeUndefined();
    const failed = reduce(started, { type: 'runState', runId: 'r1', state: 'failed', message: 'Training diverged' });
    expect(failed.runs[0].train).toHaveLength(1);
    expect(failed.notices.map((n) => n.message)).toEqual(['Training diverged']);
  });

  it('ignores events for unknown runs and shows a repeated error once until dismissed', () => {
    expect(reduce(INITIAL_STATE, progress(1, 50))).toBe(INITIAL_STATE);
    const error: Action = { type: 'error', scope: 'data', message: 'bad file' };
    const twice = run([error, error]);
    expect(twice.notices).toHaveLength(1);
    const dismissed = reduce(twice, { type: 'noticeDismissed', id: twice.notices[0].id });
    expect(dismissed.notices).toHaveLength(0);
  });

  it('records the backend with the reasons a faster one was not used, and the data status', () => {
    const state = run([
      { type: 'backend', backend: 'webgl', detail: 'ANGLE', fallbackReasons: ['WebGPU not used: no adapter.'] },
      { type: 'data', status: { state: 'ready', source: 'served', trainImages: 50_000, testImages: 10_000 } },
    ]);
    expect(state.backend).toEqual({ name: 'webgl', detail: 'ANGLE', fallbackReasons: ['WebGPU not used: no adapter.'] });
    expect(state.data.state).toBe('ready');
  });

  it('removes a finished or queued run on request, never the one training', () => {
    const training = run([...requested('r1'), { type: 'runRemoved', runId: 'r1' }]);
    expect(training.runs).toHaveLength(1);
    const finished = reduce(training, { type: 'runState', runId: 'r1', state: 'finished' });
    expect(reduce(finished, { type: 'runRemoved', runId: 'r1' }).runs).toHaveLength(0);
    const queued = run([{ type: 'runsQueued', runs: [{ runId: 'q', config }], createdAt: 0 }, { type: 'runRemoved', runId: 'q' }]);
    expect(queued.runs).toHaveLength(0);
  });

  it('ends the active run, keeping its curves, when the worker crashes', () => {
    const state = run([
      ...requested('old'),
      { type: 'runState', runId: 'old', state: 'finished' },
      ...requested('r1'),
      progress(1, 90),
      { type: 'workerCrashed', message: 'The training worker crashed (out of memory).' },
    ]);
    expect(state.runs.map((r) => r.state)).toEqual(['finished', 'failed']);
    expect(state.runs[1].train).toHaveLength(1);
    expect(activeRun(state)).toBeUndefined();
    expect(state.notices[0].message).toMatch(/crashed/);
  });

  it('shows a test evaluation in progress until its result arrives or the run ends', () => {
    const evaluating = run([
      ...requested('r1'),
      { type: 'evaluationStarted', runId: 'r1', iteration: 4, images: 10_000 },
    ]);
    expect(evaluating.runs[0].evaluatingImages).toBe(10_000);
    const done = reduce(evaluating, { type: 'evaluation', runId: 'r1', iteration: 4, epoch: 1, testError: 50, testLoss: 1 });
    expect(done.runs[0].evaluatingImages).toBeUndefined();
    const stopped = reduce(evaluating, { type: 'runState', runId: 'r1', state: 'stopped' });
    expect(stopped.runs[0].evaluatingImages).toBeUndefined();
  });

  describe('the experiment queue', () => {
    const queue = (...ids: string[]): Action => ({ type: 'runsQueued', runs: ids.map((runId) => ({ runId, config, experimentId: 'e1' })), createdAt: 5 });
    const order = (state: AppState) => state.runs.map((r) => r.id);

    it('queues runs in order and hands the next one over', () => {
      const state = run([queue('a', 'b', 'c')]);
      expect(state.runs.map((r) => [r.id, r.state, r.experimentId, r.createdAt])).toEqual([['a', 'queued', 'e1', 5], ['b', 'queued', 'e1', 5], ['c', 'queued', 'e1', 5]]);
      expect(nextQueuedRun(state)?.id).toBe('a');
      const started = reduce(state, { type: 'runStarting', runId: 'a' });
      expect(activeRun(started)?.id).toBe('a');
      expect(nextQueuedRun(started)?.id).toBe('b');
    });

    it('moves a queued run among the queued ones only', () => {
      const state = run([queue('a'), { type: 'runStarting', runId: 'a' }, queue('b', 'c', 'd')]);
      expect(order(reduce(state, { type: 'queuedRunMoved', runId: 'd', offset: -1 }))).toEqual(['a', 'b', 'd', 'c']);
      expect(order(reduce(state, { type: 'queuedRunMoved', runId: 'b', offset: -1 }))).toEqual(['a', 'b', 'c', 'd']);
      expect(order(reduce(state, { type: 'queuedRunMoved', runId: 'd', offset: 1 }))).toEqual(['a', 'b', 'c', 'd']);
    });

    it('cancels the waiting runs but not the one training', () => {
      const state = run([queue('a', 'b', 'c'), { type: 'runStarting', runId: 'a' }, { type: 'queueCancelled' }]);
      expect(order(state)).toEqual(['a']);
    });

    it('pauses the queue when the user stops a run, when a run is refused before it starts, and on a backend failure; not on a divergence', () => {
      const training = run([queue('a', 'b'), { type: 'runStarting', runId: 'a' }]);
      expect(reduce(training, { type: 'runState', runId: 'a', state: 'stopped' }).queuePaused).toBe(true);
      expect(reduce(training, { type: 'runState', runId: 'a', state: 'failed', message: 'CIFAR-10 is not loaded yet' }).queuePaused).toBe(true);
      expect(reduce(training, { type: 'error', scope: 'backend', message: 'GPU lost' }).queuePaused).toBe(true);
      const built = reduce(training, { type: 'runStarted', runId: 'a', config, trainableParameters: 1, iterationsPerEpoch: 1, totalIterations: 1, lrDropIterations: [], evaluatedOn: 'test' });
      expect(reduce(built, { type: 'runState', runId: 'a', state: 'failed', message: 'Training diverged' }).queuePaused).toBe(false);
      expect(reduce(built, { type: 'runState', runId: 'a', state: 'finished' }).queuePaused).toBe(false);
    });

    it('restores the history before this session\'s runs and waits for the user when runs were still queued', () => {
      const stored = { id: 'old', config, state: 'queued' as const, createdAt: 1, train: [], test: [] };
      const state = run([queue('a'), { type: 'historyRestored', runs: [stored, { ...stored, id: 'a' }] }]);
      expect(order(state)).toEqual(['old', 'a']);
      expect(state.historyLoaded).toBe(true);
      expect(state.queuePaused).toBe(true);
      expect(reduce(state, { type: 'queueResumed' }).queuePaused).toBe(false);
    });

    it('renames (empty goes back to the network name) and hides runs', () => {
      const state = run([queue('a'), { type: 'runRenamed', runId: 'a', label: '  my run ' }]);
      expect(runName(state.runs[0])).toBe('my run');
      expect(runName(reduce(state, { type: 'runRenamed', runId: 'a', label: ' ' }).runs[0])).toBe(modelName(config.model));
      expect(reduce(state, { type: 'runVisibilitySet', runId: 'a', hidden: true }).runs[0].hidden).toBe(true);
    });

    it('records the backend a run trained on', () => {
      const state = run([
        { type: 'backend', backend: 'webgpu', detail: 'swiftshader', fallbackReasons: [] },
        queue('a'),
        { type: 'runStarted', runId: 'a', config, trainableParameters: 1, iterationsPerEpoch: 1, totalIterations: 1, lrDropIterations: [], evaluatedOn: 'test' },
      ]);
      expect(state.runs[0].backend).toEqual({ name: 'webgpu', detail: 'swiftshader' });
    });
  });

  it('bounds what a rename or a run\'s message can put in a run, as the stored-record check does', () => {
    const state = run([
      ...requested('r1'),
      { type: 'runRenamed', runId: 'r1', label: `  ${'a'.repeat(5000)}  ` },
      { type: 'runState', runId: 'r1', state: 'failed', message: 'e'.repeat(100_000) },
    ]);
    expect(state.runs[0].label).toHaveLength(200);
    expect(state.runs[0].message).toHaveLength(2000);
  });
});
