import { describe, expect, it } from 'vitest';
import { presetById } from '../config';
import type { Run } from './appState';
import { startQueueRunner } from './queueRunner';
import { Store } from './store';
import type { TrainingLock } from './trainingLock';

const config = presetById('micro').config;

function setUp() {
  const store = new Store();
  const started: string[] = [];
  // A client that records what it was asked to start and tells the store, as TrainingClient.start does.
  startQueueRunner(store, {
    start: (runId) => {
      started.push(runId);
      store.dispatch({ type: 'runStarting', runId });
    },
  });
  const ready = () => {
    store.dispatch({ type: 'historyRestored', runs: [] });
    store.dispatch({ type: 'backend', backend: 'webgpu', detail: '', fallbackReasons: [] });
    store.dispatch({ type: 'data', status: { state: 'ready', source: 'served', trainImages: 50_000, testImages: 10_000 } });
  };
  const queue = (...ids: string[]) => store.dispatch({ type: 'runsQueued', runs: ids.map((runId) => ({ runId, config })), createdAt: 0 });
  return { store, started, ready, queue };
}

describe('queue runner', () => {
  it('waits for the history, the data and a backend before starting anything', () => {
    const { started, ready, queue } = setUp();
    queue('a', 'b');
    expect(started).toEqual([]);
    ready();
    expect(started).toEqual(['a']);
  });

  it('starts the runs one after another, in queue order', () => {
    const { store, started, ready, queue } = setUp();
    ready();
    queue('a', 'b', 'c');
    store.dispatch({ type: 'queuedRunMoved', runId: 'c', offset: -1 });
    expect(started).toEqual(['a']);
    store.dispatch({ type: 'runState', runId: 'a', state: 'running' });
    expect(started).toEqual(['a']);
    store.dispatch({ type: 'runState', runId: 'a', state: 'finished' });
    expect(started).toEqual(['a', 'c']);
    store.dispatch({ type: 'runState', runId: 'c', state: 'finished' });
    expect(started).toEqual(['a', 'c', 'b']);
    store.dispatch({ type: 'runState', runId: 'b', state: 'finished' });
    expect(started).toEqual(['a', 'c', 'b']);
  });

  it('starts nothing while the queue is paused (a stop pauses it) and goes on when resumed', () => {
    const { store, started, ready, queue } = setUp();
    ready();
    queue('a', 'b');
    store.dispatch({ type: 'runState', runId: 'a', state: 'stopped' });
    expect(started).toEqual(['a']);
    expect(store.getState().queuePaused).toBe(true);
    store.dispatch({ type: 'queueResumed' });
    expect(started).toEqual(['a', 'b']);
  });

  it('never starts a finished run again', () => {
    const { store, started, ready, queue } = setUp();
    ready();
    queue('a');
    store.dispatch({ type: 'runState', runId: 'a', state: 'finished' });
    store.dispatch({ type: 'queueResumed' });
    store.dispatch({ type: 'runVisibilitySet', runId: 'a', hidden: true });
    expect(started).toEqual(['a']);
  });

  describe('an identical run is never trained twice by accident (checked when the run is handed over)', () => {
    const finished = (id: string, change: Partial<Run> = {}): Run => ({ id, config, state: 'finished', createdAt: 0, train: [], test: [], backend: { name: 'webgpu', detail: '' }, ...change });
    const messages = (store: ReturnType<typeof setUp>['store']) => store.getState().notices.map((notice) => notice.message);

    it('one that finished while this run waited (shared by another tab) is shown, hidden or not, and this one leaves the queue', () => {
      const { store, started, ready, queue } = setUp();
      store.dispatch({ type: 'queuePaused' });
      ready();
      queue('mine');
      store.dispatch({ type: 'runsQueued', runs: [{ runId: 'other', config: { ...config, seed: 7 } }], createdAt: 0 });
      store.dispatchRemote({ type: 'remoteRunStarting', run: finished('theirs', { state: 'starting', hidden: true }) });
      store.dispatchRemote({ type: 'runState', runId: 'theirs', state: 'finished' });
      store.dispatch({ type: 'queueResumed' });
      expect(started).toEqual(['other']);
      expect(store.getState().runs.map((run) => [run.id, run.state, run.hidden])).toEqual([
        ['other', 'starting', undefined],
        ['theirs', 'finished', undefined],
      ]);
      expect(messages(store)).toEqual([
        'ResNet-8 (option A, width 4) was already trained in another tab with identical settings: shown instead of training it again. Tick “Train again” to retrain it.',
      ]);
    });

    it('one the user saw when queueing it ("Train again") does not stop it, nor one on another backend', () => {
      const { store, started, ready, queue } = setUp();
      ready();
      store.dispatch({ type: 'historyRestored', runs: [finished('old'), finished('webgl', { backend: { name: 'webgl', detail: '' } })] });
      queue('again');
      expect(started).toEqual(['again']);
    });

    it('a run queued before a reload (whether retraining was asked is not known) is not trained when an identical one finished here', () => {
      const { store, started, ready } = setUp();
      store.dispatch({ type: 'historyRestored', runs: [finished('old'), { ...finished('restored'), state: 'queued' }] });
      ready();
      store.dispatch({ type: 'queueResumed' });
      expect(started).toEqual([]);
      expect(store.getState().runs.map((run) => run.id)).toEqual(['old']);
      expect(messages(store)[0]).toMatch(/^ResNet-8 \(option A, width 4\) was already trained here with identical settings/);
    });

    it('a run put back by Resume continues from its checkpoint even when an identical run finished', () => {
      const { store, started, ready } = setUp();
      store.dispatch({ type: 'historyRestored', runs: [finished('old'), { ...finished('cut'), state: 'stopped' }] });
      store.dispatch({ type: 'checkpointsListed', checkpoints: [{ runId: 'cut', iteration: 3, bytes: 1, savedAt: 0 }] });
      ready();
      store.dispatch({ type: 'runResumeRequested', runId: 'cut' });
      expect(started).toEqual(['cut']);
    });
  });

  describe('with the training lock (one tab trains at a time)', () => {
    /** A lock shared by tabs that, like Web Locks, lets go only a task after it is released. */
    function sharedLock() {
      let holder: string | null = null;
      const waiting: (() => void)[] = [];
      const lockFor = (tab: string): TrainingLock => ({
        tryAcquire: async () => {
          if (holder !== null) return null;
          holder = tab;
          return () => void setTimeout(() => ((holder = null), waiting.splice(0).forEach((wake) => wake())), 0);
        },
        whenFree: () => (holder === null ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
        heldElsewhere: async () => holder !== null && holder !== tab,
      });
      return { lockFor, holder: () => holder };
    }
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

    function tab(lock: TrainingLock) {
      const store = new Store();
      const started: string[] = [];
      startQueueRunner(store, { start: (runId) => (started.push(runId), store.dispatch({ type: 'runStarting', runId })) }, lock);
      store.dispatch({ type: 'historyRestored', runs: [] });
      store.dispatch({ type: 'backend', backend: 'webgpu', detail: '', fallbackReasons: [] });
      store.dispatch({ type: 'data', status: { state: 'ready', source: 'served', trainImages: 50_000, testImages: 10_000 } });
      const waitingNotices = () => store.getState().notices.filter((notice) => notice.message.startsWith('Another tab of this page is training'));
      return { store, started, waitingNotices };
    }

    it('an experiment goes from one run to the next without saying another tab trains (one tab open)', async () => {
      const { lockFor } = sharedLock();
      const { store, started, waitingNotices } = tab(lockFor('a'));
      store.dispatch({ type: 'runsQueued', runs: [{ runId: 'plain', config }, { runId: 'residual', config: { ...config, seed: 2 } }], createdAt: 0 });
      await settle();
      expect(started).toEqual(['plain']);
      store.dispatch({ type: 'runState', runId: 'plain', state: 'finished' });
      await settle();
      expect(started).toEqual(['plain', 'residual']);
      store.dispatch({ type: 'runState', runId: 'residual', state: 'finished' });
      await settle();
      expect(waitingNotices()).toEqual([]);
    });

    it("a tab that waited for another tab's experiment starts when it ends, and its waiting notice goes", async () => {
      const shared = sharedLock();
      const first = tab(shared.lockFor('a'));
      const second = tab(shared.lockFor('b'));
      first.store.dispatch({ type: 'runsQueued', runs: [{ runId: 'a1', config }, { runId: 'a2', config: { ...config, seed: 2 } }], createdAt: 0 });
      await settle();
      second.store.dispatch({ type: 'runsQueued', runs: [{ runId: 'b1', config: { ...config, seed: 3 } }], createdAt: 0 });
      await settle();
      expect(second.waitingNotices()).toHaveLength(1);
      first.store.dispatch({ type: 'runState', runId: 'a1', state: 'finished' });
      await settle();
      expect([first.started, second.started]).toEqual([['a1', 'a2'], []]); // the experiment first
      first.store.dispatch({ type: 'runState', runId: 'a2', state: 'finished' });
      await settle();
      expect(second.started).toEqual(['b1']);
      expect(shared.holder()).toBe('b');
      expect(second.waitingNotices()).toEqual([]);
    });
  });
  it('starts a queued micro run on the first part of a download; a full-size run waits for every file', () => {
    const { store, started, queue } = setUp();
    store.dispatch({ type: 'historyRestored', runs: [] });
    store.dispatch({ type: 'backend', backend: 'webgpu', detail: '', fallbackReasons: [] });
    store.dispatch({ type: 'data', status: { state: 'loading', message: '', progress: 0.33, available: { trainImages: 10_000, testImages: 10_000 } } });
    queue('micro');
    expect(started).toEqual(['micro']);
    store.dispatch({ type: 'runState', runId: 'micro', state: 'finished' });
    store.dispatch({ type: 'runsQueued', runs: [{ runId: 'full', config: { ...config, trainSubset: null } }], createdAt: 0 });
    expect(started).toEqual(['micro']);
    store.dispatch({ type: 'data', status: { state: 'ready', source: 'served', trainImages: 50_000, testImages: 10_000 } });
    expect(started).toEqual(['micro', 'full']);
  });
});
