import { describe, expect, it } from 'vitest';
import { PRESETS, modelName } from '../config';
import type { DiagnosticsLayout, Predictions } from '../diagnostics/diagnostics';
import { testDiagnostics } from '../export/testRuns';
import { INITIAL_STATE, activeRun, nextQueuedRun, runName, type AppState } from './appState';
import { reduce, type Action } from './reducer';
import { runDiagnosticsProblem } from './runDiagnosticsSchema';

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

describe('reduce: diagnostics', () => {
  const layout: DiagnosticsLayout = testDiagnostics().layout;
  /** null: diagnostics off (no layout in the event). */
  const started = (resumedFrom?: number, diagnosticsLayout: DiagnosticsLayout | null = layout): Action => ({
    type: 'runStarted',
    runId: 'r1',
    config,
    trainableParameters: 1,
    iterationsPerEpoch: 4,
    totalIterations: 100,
    lrDropIterations: [50, 75],
    evaluatedOn: 'test',
    ...(resumedFrom === undefined ? {} : { resumedFrom }),
    ...(diagnosticsLayout ? { diagnosticsLayout } : {}),
  });
  const measured = (iteration: number) => ({ gradientNorms: [iteration, 1, 2, 3, 4], responseStds: [0.5, iteration / 100] });
  const sampled = (iteration: number, diagnostics = measured(iteration)): Action => ({ ...(progress(iteration, 50) as Action & { type: 'trainProgress' }), diagnostics });
  const confusion = (images: number) => Array.from({ length: 100 }, (_, i) => (i === 0 ? images : 0));
  const predictions = (iteration: number): Predictions => ({
    iteration,
    evaluatedOn: 'test',
    labels: Uint8Array.of(0, 1),
    top3Classes: Uint8Array.of(0, 1, 2, 1, 0, 2),
    top3Percent: Uint8Array.of(90, 5, 5, 60, 30, 10),
  });
  const evaluated = (iteration: number, withPredictions = true): Action => ({
    type: 'evaluation',
    runId: 'r1',
    iteration,
    epoch: iteration / 4,
    testError: 50,
    testLoss: 1,
    confusion: confusion(iteration),
    ...(withPredictions ? { predictions: predictions(iteration) } : {}),
  });
  const diagnosticsOf = (state: AppState) => state.runs[0].diagnostics;
  const iterations = (items: readonly { iteration: number }[] | undefined) => items?.map((item) => item.iteration);

  it('starts empty diagnostics for the layout the worker measures', () => {
    const state = run([...requested('r1'), started()]);
    expect(diagnosticsOf(state)).toEqual({ layout, training: [], evaluations: [] });
  });

  it('gives a run no diagnostics when they are off, and ignores measurements without a layout', () => {
    const state = run([...requested('r1'), started(undefined, null), sampled(1), evaluated(4)]);
    expect(state.runs[0]).not.toHaveProperty('diagnostics');
    expect(state.runs[0].train).toHaveLength(1);
    expect(state.runs[0].test).toHaveLength(1);
  });

  it('appends a sample per chart point and a confusion matrix per evaluation; the newest predictions replace the older', () => {
    const state = run([...requested('r1'), started(), sampled(1), sampled(2), evaluated(2), sampled(3), evaluated(4), progress(4, 40)]);
    const diagnostics = diagnosticsOf(state)!;
    expect(diagnostics.training).toEqual([1, 2, 3].map((iteration) => ({ iteration, ...measured(iteration) })));
    expect(diagnostics.evaluations).toEqual([{ iteration: 2, confusion: confusion(2) }, { iteration: 4, confusion: confusion(4) }]);
    expect(diagnostics.predictions).toEqual(predictions(4));
    // An evaluation without predictions keeps the previous ones.
    expect(diagnosticsOf(reduce(state, evaluated(6, false)))!.predictions).toEqual(predictions(4));
    // What the reducer keeps is what the run history accepts at the next reload.
    expect(runDiagnosticsProblem(diagnostics, config)).toBeNull();
  });

  it('leaves out a measurement the stored-run check would refuse, instead of losing all of them at the next reload', () => {
    const state = run([
      ...requested('r1'),
      started(),
      sampled(1),
      sampled(2, { gradientNorms: [Infinity, 1, 2, 3, 4], responseStds: [0.5, 0.5] }), // a diverging step's overflow
      sampled(3, { gradientNorms: [NaN, 1, 2, 3, 4], responseStds: [0.5, 0.5] }),
      sampled(4, { gradientNorms: [1, 2, 3], responseStds: [0.5, 0.5] }), // not the layout's length
      sampled(5, { gradientNorms: [1, 2, 3, 4, 5], responseStds: [-1, 0.5] }),
      { ...(evaluated(4) as Action & { type: 'evaluation' }), confusion: [1, 2, 3], predictions: { ...predictions(4), labels: Uint8Array.of(0, 11) } },
      { ...(evaluated(8) as Action & { type: 'evaluation' }), confusion: confusion(-1) },
    ]);
    const diagnostics = diagnosticsOf(state)!;
    expect(iterations(diagnostics.training)).toEqual([1]);
    expect(diagnostics.evaluations).toEqual([]);
    expect(diagnostics.predictions).toEqual(predictions(8));
    expect(state.runs[0].train).toHaveLength(5); // the curve itself is not touched
    expect(runDiagnosticsProblem(diagnostics, config)).toBeNull();
  });

  it('keeps iterations increasing: a repeated or earlier iteration replaces what was measured from there on', () => {
    const state = run([...requested('r1'), started(), sampled(1), sampled(2), sampled(3), sampled(2), evaluated(4), evaluated(4)]);
    const diagnostics = diagnosticsOf(state)!;
    expect(iterations(diagnostics.training)).toEqual([1, 2]);
    expect(iterations(diagnostics.evaluations)).toEqual([4]);
    expect(runDiagnosticsProblem(diagnostics, config)).toBeNull();
  });

  it('a resumed run keeps what it measured up to its checkpoint, and drops what comes after (trained again)', () => {
    const before = run([...requested('r1'), started(), sampled(10), sampled(20), evaluated(20), sampled(30), evaluated(30), { type: 'runState', runId: 'r1', state: 'stopped' }]);
    expect(diagnosticsOf(before)!.predictions?.iteration).toBe(30);
    const resumed = run([{ type: 'runResumeRequested', runId: 'r1' }, { type: 'runStarting', runId: 'r1' }, started(20)], before);
    const diagnostics = diagnosticsOf(resumed)!;
    // The same rule as the curves (trimmedAfter): up to and including the checkpoint's iteration.
    expect(iterations(resumed.runs[0].train)).toEqual([10, 20]);
    expect(iterations(diagnostics.training)).toEqual([10, 20]);
    expect(iterations(diagnostics.evaluations)).toEqual([20]);
    // The predictions were of the evaluation at 30, after the checkpoint: gone until the next evaluation.
    expect(diagnostics).not.toHaveProperty('predictions');
    expect(diagnostics.layout).toBe(layout);
    const continued = run([sampled(30), evaluated(30)], resumed);
    expect(iterations(diagnosticsOf(continued)!.training)).toEqual([10, 20, 30]);
    expect(diagnosticsOf(continued)!.predictions?.iteration).toBe(30);
  });

  it('a resumed run keeps predictions made at or before its checkpoint', () => {
    const before = run([...requested('r1'), started(), sampled(10), sampled(20), evaluated(20), sampled(30), { type: 'runState', runId: 'r1', state: 'stopped' }]);
    const resumed = reduce(before, started(20));
    expect(diagnosticsOf(resumed)!.predictions).toEqual(predictions(20));
  });

  it('a resumed run whose layers changed starts its diagnostics over; one resumed without a layout keeps what it had', () => {
    const before = run([...requested('r1'), started(), sampled(10), sampled(20), evaluated(20), { type: 'runState', runId: 'r1', state: 'stopped' }]);
    const otherLayout: DiagnosticsLayout = { ...layout, responseLayers: [{ ...layout.responseLayers[0], kernelSize: 1 }, layout.responseLayers[1]] };
    expect(diagnosticsOf(reduce(before, started(20, otherLayout)))).toEqual({ layout: otherLayout, training: [], evaluations: [] });
    // An equal layout (a new object, as a new worker sends it) is the same layout.
    expect(iterations(diagnosticsOf(reduce(before, started(20, structuredClone(layout))))!.training)).toEqual([10, 20]);
    // Diagnostics switched off since: what was measured up to the checkpoint stays.
    expect(iterations(diagnosticsOf(reduce(before, started(10, null)))!.training)).toEqual([10]);
    // A run trained before diagnostics existed, resumed now: they start at the checkpoint.
    const old = run([...requested('r1'), started(undefined, null), sampled(10), { type: 'runState', runId: 'r1', state: 'stopped' }]);
    expect(diagnosticsOf(reduce(old, started(10)))).toEqual({ layout, training: [], evaluations: [] });
  });

  it('does not take a layout the stored-run check would refuse', () => {
    const bad = { ...layout, gradientLayers: [{ name: 'stem/conv', kind: 'relu', stage: 0 }] } as unknown as DiagnosticsLayout;
    expect(run([...requested('r1'), started(undefined, bad)]).runs[0]).not.toHaveProperty('diagnostics');
  });
});

