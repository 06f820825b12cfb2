import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESETS } from '../config';
import type { Run } from './appState';
import { startHistorySync, WRITE_INTERVAL_MS } from './historySync';
import type { Action } from './reducer';
import { openRunHistory, StorageTimeout, type RunHistory } from './runHistory';
import { Store } from './store';

const config = PRESETS[0].config;

const savedRun = (id: string, change: Partial<Run> = {}): Run => ({ id, config, state: 'finished', createdAt: 1, train: [], test: [], ...change });

const progress = (runId: string, iteration: number): Action => ({
  type: 'trainProgress',
  runId,
  iteration,
  epoch: iteration / 10,
  trainError: 50,
  trainLoss: 1.5,
  learningRate: 0.1,
  imagesPerSecond: 100,
  etaSeconds: 10,
  tensorsAlive: 50,
  gpuBytes: null,
});

/** Runs in a Map, with every put and delete recorded; `failWith` makes every write fail. */
function memoryHistory(saved: Run[] = [], failWith?: unknown) {
  const stored = new Map(saved.map((run) => [run.id, run]));
  const puts: Run[] = [];
  const deletes: string[] = [];
  const history: RunHistory = {
    loadAll: async () => ({ runs: [...stored.values()], skipped: 0 }),
    put: async (run) => {
      puts.push(run);
      if (failWith) throw failWith;
      stored.set(run.id, run);
    },
    quarantined: async () => [],
    discardQuarantined: async () => undefined,
    delete: async (runId) => {
      deletes.push(runId);
      if (failWith) throw failWith;
      stored.delete(runId);
    },
  };
  return { history, stored, puts, deletes };
}

/** Lets the rejected or resolved write promises settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

const queue = (store: Store, runId: string) =>
  store.dispatch({ type: 'runsQueued', runs: [{ runId, config }], createdAt: 5 });

/** A run the worker is training: queued, started, running. */
function startTraining(store: Store, runId: string) {
  queue(store, runId);
  store.dispatch({ type: 'runStarting', runId });
  store.dispatch({ type: 'runState', runId, state: 'running' });
}

describe('startHistorySync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('restores the saved runs', async () => {
    const store = new Store();
    const { history } = memoryHistory([savedRun('old')]);
    await startHistorySync(store, history);

    expect(store.getState().historyLoaded).toBe(true);
    expect(store.getState().runs.map((run) => run.id)).toEqual(['old']);
  });

  it('does not write the restored runs back', async () => {
    const store = new Store();
    const { history, puts } = memoryHistory([savedRun('old')]);
    await startHistorySync(store, history);
    store.dispatch({ type: 'queuePaused' });
    await vi.advanceTimersByTimeAsync(WRITE_INTERVAL_MS * 2);

    expect(puts).toEqual([]);
  });

  it('when the storage does not answer, says so, and lets the queue start without it', async () => {
    const timeout = new StorageTimeout("The browser's storage (IndexedDB) did not give back the saved runs within 10 s.");
    const hanging: RunHistory = { loadAll: () => Promise.reject(timeout), put: () => Promise.resolve(), delete: () => Promise.resolve(), quarantined: async () => [], discardQuarantined: async () => undefined };
    for (const [history, failure] of [[hanging, undefined], [null, timeout]] as const) {
      const store = new Store();
      await startHistorySync(store, history, failure);
      const state = store.getState();
      expect(state.historyLoaded).toBe(true);
      expect(state.notices).toHaveLength(1);
      expect(state.notices[0]).toMatchObject({ scope: 'history' });
      expect(state.notices[0].message).toMatch(/did not .* within 10 s\. Training works, but runs will not be saved/);
    }
  });

  it('without IndexedDB restores nothing, says so, and lets the queue start', async () => {
    const store = new Store();
    await startHistorySync(store, null);

    const state = store.getState();
    expect(state.historyLoaded).toBe(true);
    expect(state.notices).toHaveLength(1);
    expect(state.notices[0]).toMatchObject({ scope: 'history' });
    expect(state.notices[0].message).toMatch(/will be lost when the page is reloaded\. Export them/);
  });

  it('says how many saved runs it could not read', async () => {
    const store = new Store();
    const { history } = memoryHistory([savedRun('old')]);
    await startHistorySync(store, { ...history, loadAll: async () => ({ runs: [savedRun('old')], skipped: 2 }) });

    expect(store.getState().notices.map((notice) => notice.message)).toEqual([
      '2 saved runs could not be read (damaged, or saved by another version of this app) and were left out: kept aside, not shown. Download them to look inside, or delete them.',
    ]);
  });

  it('says how many saved runs lost their damaged diagnostics, and offers the records kept aside', async () => {
    const store = new Store();
    const { history } = memoryHistory([savedRun('old')]);
    const downloads: string[] = [];
    await startHistorySync(store, { ...history, loadAll: async () => ({ runs: [savedRun('old')], skipped: 0, diagnosticsDropped: 1 }), quarantined: async () => [{ id: 'old' }] }, undefined, (json) => downloads.push(json));

    const [notice] = store.getState().notices;
    expect(store.getState().runs.map((run) => run.id)).toEqual(['old']);
    expect(notice.message).toBe(
      'The diagnostics of 1 saved run were damaged and left out; the run is kept with its curves. The damaged record is kept aside: download to look inside, or delete.',
    );
    expect(notice.actions?.map((action) => action.label)).toEqual(['Download them (JSON)', 'Delete them']);
    notice.actions?.[0].perform();
    await vi.waitFor(() => expect(downloads).toHaveLength(1));
    expect(JSON.parse(downloads[0]).records).toEqual([{ id: 'old' }]);

    const plural = new Store();
    await startHistorySync(plural, { ...history, loadAll: async () => ({ runs: [], skipped: 0, diagnosticsDropped: 3 }) });
    expect(plural.getState().notices[0].message).toMatch(/^The diagnostics of 3 saved runs were damaged and left out; the runs are kept with their curves\. The damaged records are kept aside/);
  });

  it('says how many saved runs lost a damaged record of where they trained, and offers the records kept aside', async () => {
    const store = new Store();
    const { history } = memoryHistory([savedRun('old')]);
    await startHistorySync(store, { ...history, loadAll: async () => ({ runs: [savedRun('old')], skipped: 0, diagnosticsDropped: 0, elsewhereDropped: 1 }) });
    const [notice] = store.getState().notices;
    expect(store.getState().notices).toHaveLength(1);
    expect(notice.message).toBe(
      'The record of where 1 saved run was trained outside this browser (framework, device, wall time) was damaged and left out; the run is kept with its curves, shown as imported. The damaged record is kept aside: download to look inside, or delete.',
    );
    expect(notice.actions?.map((action) => action.label)).toEqual(['Download them (JSON)', 'Delete them']);

    const plural = new Store();
    await startHistorySync(plural, { ...history, loadAll: async () => ({ runs: [], skipped: 0, diagnosticsDropped: 2, elsewhereDropped: 3 }) });
    expect(plural.getState().notices.map((n) => n.message)).toEqual([
      expect.stringMatching(/^The diagnostics of 2 saved runs were damaged/),
      expect.stringMatching(/^The records of where 3 saved runs were trained outside this browser \(framework, device, wall time\) were damaged and left out; the runs are kept with their curves, shown as imported\. The damaged records are kept aside/),
    ]);
  });

  it('writes nothing before the history is restored, so a slow open cannot overwrite it', async () => {
    const store = new Store();
    const { history, puts, deletes } = memoryHistory([savedRun('old')]);
    let finishLoading: () => void = () => undefined;
    const slowLoad = new Promise<void>((resolve) => (finishLoading = resolve));
    const syncing = startHistorySync(store, { ...history, loadAll: async () => (await slowLoad, history.loadAll()) });

    queue(store, 'early');
    await vi.advanceTimersByTimeAsync(WRITE_INTERVAL_MS * 2);
    expect(puts).toEqual([]);
    expect(deletes).toEqual([]);

    finishLoading();
    await syncing;
    // The early run is saved once the history is in the state, and the saved run is kept.
    expect(puts.map((run) => run.id)).toEqual(['early']);
    expect(deletes).toEqual([]);
    expect(store.getState().runs.map((run) => run.id)).toEqual(['old', 'early']);
  });

  it('writes a new run immediately', async () => {
    const store = new Store();
    const { history, puts } = memoryHistory();
    await startHistorySync(store, history);
    queue(store, 'r1');

    expect(puts.map((run) => run.id)).toEqual(['r1']);
  });

  it('writes a change of state, label or visibility immediately', async () => {
    const store = new Store();
    const { history, puts } = memoryHistory();
    await startHistorySync(store, history);
    queue(store, 'r1');
    store.dispatch({ type: 'runRenamed', runId: 'r1', label: 'baseline' });
    store.dispatch({ type: 'runVisibilitySet', runId: 'r1', hidden: true });
    store.dispatch({ type: 'runStarting', runId: 'r1' });

    expect(puts.map((run) => [run.label, run.hidden, run.state])).toEqual([
      [undefined, undefined, 'queued'],
      ['baseline', undefined, 'queued'],
      ['baseline', true, 'queued'],
      ['baseline', true, 'starting'],
    ]);
  });

  it('writes a training run at most once per interval, and its last points after the interval', async () => {
    const store = new Store();
    const { history, puts, stored } = memoryHistory();
    await startHistorySync(store, history);
    startTraining(store, 'r1');
    const writesWhenRunning = puts.length; // queued, starting, running: each written at once

    // Ten points a second for 3.5 s.
    for (let iteration = 1; iteration <= 35; iteration++) {
      store.dispatch(progress('r1', iteration));
      await vi.advanceTimersByTimeAsync(100);
    }
    // 0-2 s: held back (the 'running' write started the interval); at 2 s the newest run is written; the next
    // write is due at 4 s.
    expect(puts.length - writesWhenRunning).toBe(1);
    expect(stored.get('r1')?.train.length).toBeLessThan(35);

    await vi.advanceTimersByTimeAsync(WRITE_INTERVAL_MS);
    expect(puts.length - writesWhenRunning).toBe(2);
    expect(stored.get('r1')).toBe(store.getState().runs[0]);
    expect(stored.get('r1')?.train).toHaveLength(35);

    // Nothing changed since: no more writes.
    await vi.advanceTimersByTimeAsync(WRITE_INTERVAL_MS * 3);
    expect(puts.length - writesWhenRunning).toBe(2);
  });

  it('writes a training run at once when a checkpoint is saved, so the stored curve reaches the checkpoint', async () => {
    const store = new Store();
    const { history, stored } = memoryHistory();
    await startHistorySync(store, history);
    startTraining(store, 'r1');
    store.dispatch(progress('r1', 1)); // within the interval: held back
    store.dispatch(progress('r1', 2));
    expect(stored.get('r1')?.train).toHaveLength(0);
    store.dispatch({ type: 'checkpointSaved', runId: 'r1', iteration: 2, bytes: 1000, saveMs: 3 });
    expect(stored.get('r1')?.train.map((point) => point.iteration)).toEqual([1, 2]);
  });

  it('writes the end of a run at once, with every point', async () => {
    const store = new Store();
    const { history, stored } = memoryHistory();
    await startHistorySync(store, history);
    startTraining(store, 'r1');
    store.dispatch(progress('r1', 1));
    store.dispatch(progress('r1', 2));
    store.dispatch({ type: 'runState', runId: 'r1', state: 'finished' });

    expect(stored.get('r1')).toMatchObject({ state: 'finished', train: [{ iteration: 1 }, { iteration: 2 }] });
  });

  it('writes what is held back when the page is hidden or goes away', async () => {
    const page = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('window', page);
    vi.stubGlobal('document', doc);
    const store = new Store();
    const { history, stored } = memoryHistory();
    await startHistorySync(store, history);
    startTraining(store, 'r1');

    store.dispatch(progress('r1', 1));
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(stored.get('r1')?.train).toHaveLength(1);

    store.dispatch(progress('r1', 2));
    page.dispatchEvent(new Event('pagehide'));
    expect(stored.get('r1')?.train).toHaveLength(2);
  });

  it('deletes a run removed from the state', async () => {
    const store = new Store();
    const { history, stored, deletes } = memoryHistory([savedRun('old'), savedRun('kept')]);
    await startHistorySync(store, history);
    store.dispatch({ type: 'runRemoved', runId: 'old' });
    queue(store, 'r1');
    store.dispatch({ type: 'queueCancelled' });

    expect(deletes).toEqual(['old', 'r1']);
    expect([...stored.keys()]).toEqual(['kept']);
  });

  it('does not write a deleted run back when its held-back write was due', async () => {
    const store = new Store();
    const { history, stored } = memoryHistory();
    await startHistorySync(store, history);
    startTraining(store, 'r1');
    store.dispatch(progress('r1', 1));
    store.dispatch({ type: 'runState', runId: 'r1', state: 'stopped' });
    store.dispatch({ type: 'runRemoved', runId: 'r1' });
    await vi.advanceTimersByTimeAsync(WRITE_INTERVAL_MS * 2);

    expect(stored.has('r1')).toBe(false);
  });

  it('says once, in words, that runs cannot be saved when every write fails, and keeps working', async () => {
    const store = new Store();
    const full = new DOMException('Quota exceeded.', 'QuotaExceededError');
    const { history, puts } = memoryHistory([], full);
    await startHistorySync(store, history);
    queue(store, 'r1');
    queue(store, 'r2');
    store.dispatch({ type: 'runRenamed', runId: 'r1', label: 'a' });
    await settle();
    store.dispatch({ type: 'noticeDismissed', id: store.getState().notices[0].id });
    store.dispatch({ type: 'runRenamed', runId: 'r2', label: 'b' });
    store.dispatch({ type: 'runRemoved', runId: 'r2' });
    await settle();

    expect(puts).toHaveLength(4);
    expect(store.getState().runs.map((run) => run.label)).toEqual(['a']);
    const notices = store.getState().notices;
    expect(notices).toHaveLength(0); // the one notice was dismissed, and no other came
    expect(store.getState().nextNoticeId).toBe(2);
  });

  it('words a full storage as such', async () => {
    const store = new Store();
    const { history } = memoryHistory([], new DOMException('Quota exceeded.', 'QuotaExceededError'));
    await startHistorySync(store, history);
    queue(store, 'r1');
    await settle();

    expect(store.getState().notices.map((notice) => notice.message)).toEqual([
      "Runs could not be saved in this browser (this browser's storage for the page is full): changes since then will " +
        'be lost when the page is reloaded. Export the runs to keep them.',
    ]);
  });

  it('stops syncing when asked, after writing what is held back', async () => {
    const store = new Store();
    const { history, puts, stored } = memoryHistory();
    const { stop } = await startHistorySync(store, history);
    startTraining(store, 'r1');
    store.dispatch(progress('r1', 1));
    stop();
    expect(stored.get('r1')?.train).toHaveLength(1);
    const writes = puts.length;

    queue(store, 'r2');
    await vi.advanceTimersByTimeAsync(WRITE_INTERVAL_MS * 2);
    expect(puts).toHaveLength(writes);
  });
});

describe('startHistorySync with IndexedDB', () => {
  it('keeps the runs across a reload', async () => {
    const factory = new IDBFactory();
    const before = new Store();
    await startHistorySync(before, await openRunHistory(factory));
    startTraining(before, 'r1');
    before.dispatch(progress('r1', 7));
    before.dispatch({ type: 'runRenamed', runId: 'r1', label: 'mine' }); // written at once, with the point
    queue(before, 'r2');

    // Let the transactions commit; then a reloaded page reads them.
    await vi.waitFor(async () => expect((await (await openRunHistory(factory))!.loadAll()).runs).toHaveLength(2));
    const after = new Store();
    await startHistorySync(after, await openRunHistory(factory));

    const [r1, r2] = after.getState().runs;
    expect(r1).toMatchObject({ id: 'r1', label: 'mine', state: 'stopped', train: [{ iteration: 7 }] });
    expect(r1.message).toBe('Interrupted at iteration 7: the page was reloaded or closed while it trained.');
    expect(r2).toMatchObject({ id: 'r2', state: 'queued' });
    // Runs queued before the reload wait for the user.
    expect(after.getState().queuePaused).toBe(true);
  });

  it('a damaged record is kept aside with a notice that offers to download it or delete it', async () => {
    const factory = new IDBFactory();
    const before = new Store();
    await startHistorySync(before, await openRunHistory(factory));
    queue(before, 'r1');
    await vi.waitFor(async () => expect((await (await openRunHistory(factory))!.loadAll()).runs).toHaveLength(1));
    // Damage the stored record the way an old bug might have: a point at iteration -5.
    const damaged = await new Promise<Record<string, unknown>>((resolve) => {
      const request = factory.open('residual-playground-runs');
      request.onsuccess = () => {
        const store = request.result.transaction('runs', 'readwrite').objectStore('runs');
        const get = store.get('r1');
        get.onsuccess = () => {
          const record = { ...get.result, test: [{ iteration: -5, epoch: 0, testError: 10, testLoss: 1 }] };
          store.put(record).onsuccess = () => (request.result.close(), resolve(record));
        };
      };
    });

    const downloads: string[] = [];
    const after = new Store();
    await startHistorySync(after, await openRunHistory(factory), undefined, (json: string) => downloads.push(json));
    expect(after.getState().runs).toEqual([]);
    const [notice] = after.getState().notices;
    expect(notice.message).toMatch(/^1 saved run could not be read .* kept aside, not shown/);
    expect(notice.actions?.map((action) => action.label)).toEqual(['Download them (JSON)', 'Delete them']);
    await vi.waitFor(async () => expect(await (await openRunHistory(factory))!.quarantined()).toHaveLength(1));
    notice.actions![0].perform();
    await vi.waitFor(() => expect(downloads).toHaveLength(1));
    expect(JSON.parse(downloads[0])).toEqual({ format: 'residual-playground-quarantine', records: [damaged] });
    notice.actions![1].perform();
    await vi.waitFor(async () => expect(await (await openRunHistory(factory))!.quarantined()).toEqual([]));
  });
});
