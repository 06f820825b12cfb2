// Checkpoints in the UI state: where an interrupted run would resume, the Resume action, and one continuous
// curve when the worker continues from the checkpoint.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../checkpoint/checkpoint';
import { CHECKPOINT_DB_NAME, openCheckpointStore } from '../checkpoint/checkpointStore';
import { PRESETS } from '../config';
import { INITIAL_STATE, isResumable, type AppState } from './appState';
import { startCheckpointSync } from './checkpointSync';
import { startQueueRunner } from './queueRunner';
import { reduce, type Action } from './reducer';
import { Store } from './store';

const config = PRESETS[0].config;
const apply = (actions: Action[], from: AppState = INITIAL_STATE) => actions.reduce(reduce, from);

const started = (runId: string, resumedFrom?: number): Action => ({
  type: 'runStarted',
  runId,
  config,
  trainableParameters: 1000,
  iterationsPerEpoch: 10,
  totalIterations: 100,
  lrDropIterations: [50, 75],
  evaluatedOn: 'test',
  ...(resumedFrom === undefined ? {} : { resumedFrom }),
});

const progress = (runId: string, iteration: number): Action => ({
  type: 'trainProgress',
  runId,
  iteration,
  epoch: iteration / 10,
  trainError: 50,
  trainLoss: 1,
  learningRate: 0.1,
  imagesPerSecond: 1,
  etaSeconds: 1,
  tensorsAlive: 1,
  gpuBytes: null,
});

/** A run that trained to iteration 30 (checkpoint at 20) and was stopped. */
const stoppedAt30: Action[] = [
  { type: 'historyRestored', runs: [] },
  { type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 },
  { type: 'runStarting', runId: 'r1' },
  started('r1'),
  progress('r1', 10),
  { type: 'checkpointSaved', runId: 'r1', iteration: 20, bytes: 4_000_000, saveMs: 12 },
  progress('r1', 20),
  { type: 'evaluation', runId: 'r1', iteration: 20, epoch: 2, testError: 60, testLoss: 1.2 },
  progress('r1', 30),
  { type: 'evaluation', runId: 'r1', iteration: 30, epoch: 3, testError: 55, testLoss: 1.1 },
  { type: 'runState', runId: 'r1', state: 'stopped', message: 'Interrupted' },
];

describe('resume in the UI state', () => {
  it('a stopped run with a checkpoint is resumable; Resume queues it and lets the queue go on', () => {
    const state = apply(stoppedAt30);
    expect(state.queuePaused).toBe(true); // a stop pauses the queue
    expect(isResumable(state, state.runs[0])).toBe(true);
    const resumed = apply([{ type: 'runResumeRequested', runId: 'r1' }], state);
    expect(resumed.runs[0]).toMatchObject({ state: 'queued', message: undefined });
    expect(resumed.queuePaused).toBe(false);
  });

  it('a run without a checkpoint, or a finished one, is not resumable and Resume changes nothing', () => {
    const noCheckpoint = apply(stoppedAt30.filter((a) => a.type !== 'checkpointSaved'));
    expect(isResumable(noCheckpoint, noCheckpoint.runs[0])).toBe(false);
    expect(apply([{ type: 'runResumeRequested', runId: 'r1' }], noCheckpoint)).toBe(noCheckpoint);
    const finished = apply([{ type: 'runState', runId: 'r1', state: 'finished' }], apply(stoppedAt30));
    expect(isResumable(finished, finished.runs[0])).toBe(false);
  });

  it('resumed from iteration 20, the points after 20 are dropped and trained again: one continuous curve', () => {
    const state = apply([{ type: 'runResumeRequested', runId: 'r1' }, { type: 'runStarting', runId: 'r1' }, started('r1', 20), progress('r1', 30)], apply(stoppedAt30));
    expect(state.runs[0].train.map((p) => p.iteration)).toEqual([10, 20, 30]);
    expect(state.runs[0].test.map((p) => p.iteration)).toEqual([20]);
  });

  it("resumed with the checkpoint's curve, the points the stored curve lacks are added in order, and those after the checkpoint still go", () => {
    // Stored up to 10 only (the page died before the record with 20 was written); the checkpoint is at 20.
    const stored = apply(stoppedAt30.filter((a) => !(('iteration' in a && a.iteration === 20 && a.type !== 'checkpointSaved') || ('iteration' in a && a.iteration === 30))));
    expect(stored.runs[0].train.map((p) => p.iteration)).toEqual([10]);
    const curve = {
      train: [10, 15, 20].map((iteration) => ({ iteration, epoch: iteration / 10, trainError: 40, trainLoss: 0.9, learningRate: 0.1 })),
      test: [{ iteration: 20, epoch: 2, testError: 60, testLoss: 1.2 }],
    };
    const state = apply([{ type: 'runResumeRequested', runId: 'r1' }, { type: 'runStarting', runId: 'r1' }, { ...started('r1', 20), resumedCurve: curve } as Action, progress('r1', 30)], stored);
    // 10 as stored (trainError 50), 15 and 20 from the checkpoint, then the new 30.
    expect(state.runs[0].train.map((p) => [p.iteration, p.trainError])).toEqual([[10, 50], [15, 40], [20, 40], [30, 50]]);
    expect(state.runs[0].test.map((p) => p.iteration)).toEqual([20]);
    // A curve past the checkpoint (never sent, but never kept either) is cut at it.
    const past = apply([{ type: 'runResumeRequested', runId: 'r1' }, { type: 'runStarting', runId: 'r1' }, { ...started('r1', 15), resumedCurve: curve } as Action], stored);
    expect(past.runs[0].train.map((p) => p.iteration)).toEqual([10, 15]);
  });

  it('deleting a run forgets its checkpoint', () => {
    const state = apply([{ type: 'runRemoved', runId: 'r1' }], apply(stoppedAt30));
    expect(state.runs).toEqual([]);
    expect(state.checkpoints).toEqual({});
  });

  it('the queue runner resumes a queued run that has a checkpoint', () => {
    const store = new Store();
    const starts: [string, unknown][] = [];
    startQueueRunner(store, { start: (runId, _config, resume) => (starts.push([runId, resume]), store.dispatch({ type: 'runStarting', runId })) });
    stoppedAt30.forEach((action) => store.dispatch(action));
    store.dispatch({ type: 'backend', backend: 'cpu', detail: '', fallbackReasons: [] });
    store.dispatch({ type: 'data', status: { state: 'ready', source: 'served', trainImages: 50_000, testImages: 10_000 } });
    store.dispatch({ type: 'runResumeRequested', runId: 'r1' });
    // The evaluation at the checkpoint (20) is in the curve: no need to evaluate again.
    expect(starts).toEqual([['r1', { evaluate: false }]]);
  });
});

function checkpointOf(runId: string, iteration: number): Checkpoint {
  return {
    runId, iteration, savedAt: 0, config, trainImages: 2, warmingUp: false, rngState: [1, 2, 3, 4], order: Int32Array.of(1, 0),
    tensors: [{ name: 'w', shape: [2], values: Float32Array.of(1, 2) }],
  };
}

describe('checkpoint sync', () => {
  async function setUp(historyRestored: boolean) {
    const checkpoints = (await openCheckpointStore(new IDBFactory()))!;
    await checkpoints.save(checkpointOf('kept', 20));
    await checkpoints.save(checkpointOf('finished', 30));
    await checkpoints.save(checkpointOf('orphan', 40));
    const store = new Store();
    store.dispatch({ type: 'runsQueued', runs: [{ runId: 'kept', config }, { runId: 'finished', config }], createdAt: 0 });
    store.dispatch({ type: 'runState', runId: 'kept', state: 'stopped' });
    store.dispatch({ type: 'runState', runId: 'finished', state: 'finished' });
    store.dispatch({ type: 'historyRestored', runs: [] });
    await startCheckpointSync(store, checkpoints, Promise.resolve(historyRestored));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the deletes are not awaited
    return { store, checkpoints };
  }

  it('lists the checkpoints at start-up and deletes those of finished and deleted runs', async () => {
    const { store, checkpoints } = await setUp(true);
    expect(Object.keys(store.getState().checkpoints)).toEqual(['kept']);
    expect(store.getState().checkpoints.kept).toMatchObject({ iteration: 20, bytes: 8 + 8 });
    expect((await checkpoints.list()).map((info) => info.runId)).toEqual(['kept']);
    store.dispatch({ type: 'runRemoved', runId: 'kept' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await checkpoints.list()).toEqual([]);
  });

  it('slots whose pointer was lost are listed, so the run is resumable from them (issue 19, finding 7)', async () => {
    const factory = new IDBFactory();
    const checkpoints = (await openCheckpointStore(factory))!;
    await checkpoints.save(checkpointOf('kept', 20));
    await new Promise<void>((resolve, reject) => {
      const open = factory.open(CHECKPOINT_DB_NAME);
      open.onsuccess = () => {
        const transaction = open.result.transaction('pointers', 'readwrite');
        transaction.objectStore('pointers').delete('kept');
        transaction.oncomplete = () => (open.result.close(), resolve());
      };
      open.onerror = () => reject(open.error);
    });
    const store = new Store();
    store.dispatch({ type: 'runsQueued', runs: [{ runId: 'kept', config }], createdAt: 0 });
    store.dispatch({ type: 'runState', runId: 'kept', state: 'stopped' });
    store.dispatch({ type: 'historyRestored', runs: [] });
    await startCheckpointSync(store, checkpoints, Promise.resolve(true));
    expect(store.getState().checkpoints.kept).toMatchObject({ iteration: 20, bytes: 8 + 8 });
    expect(isResumable(store.getState(), store.getState().runs[0])).toBe(true);
  });

  it('keeps checkpoints without a run when the saved runs could not be read (they may be all that is left)', async () => {
    const { checkpoints } = await setUp(false);
    expect((await checkpoints.list()).map((info) => info.runId).sort()).toEqual(['kept', 'orphan']);
  });
});
