// After a reload, an interrupted run names the iteration it had reached (the status bar's), not its last
// stored point; through the real history (fake-indexeddb), as the page does it.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { PRESETS } from '../config';
import type { RunProgress } from '../protocol';
import { startHistorySync } from './historySync';
import { startReachedIterationMemory, withReachedIterations } from './reachedIterations';
import { openRunHistory } from './runHistory';
import { Store } from './store';

const config = PRESETS[0].config;
const progress = (iteration: number): RunProgress => ({ iteration, epoch: iteration / 4, learningRate: 0.1, imagesPerSecond: 1, etaSeconds: 1, tensorsAlive: 1, gpuBytes: null });

/** localStorage as a Map. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** A page: its store, the history it restored, and the memory of reached iterations. */
async function openPage(factory: IDBFactory, storage: Storage) {
  const store = new Store();
  startReachedIterationMemory(store, storage);
  await startHistorySync(store, withReachedIterations((await openRunHistory(factory))!, storage));
  return store;
}

function trainTo(store: Store, pointAt: number, tickTo: number) {
  store.dispatch({ type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 5 });
  store.dispatch({ type: 'runStarting', runId: 'r1' });
  store.dispatch({ type: 'runState', runId: 'r1', state: 'running' });
  store.dispatch({ type: 'trainProgress', runId: 'r1', trainError: 50, trainLoss: 1, ...progress(pointAt) });
  for (let iteration = pointAt + 1; iteration <= tickTo; iteration++) store.dispatch({ type: 'trainTick', runId: 'r1', ...progress(iteration) });
}

const storedPoints = async (factory: IDBFactory) => (await (await openRunHistory(factory))!.loadAll()).runs[0]?.train.length;

describe('the iteration an interrupted run reached', () => {
  it('is the last step the status bar showed (12), not the last stored point (8)', async () => {
    const factory = new IDBFactory();
    const storage = memoryStorage();
    const before = await openPage(factory, storage);
    trainTo(before, 8, 12);
    expect(before.getState().runs[0].live?.iteration).toBe(12);
    // The point reaches IndexedDB after the history's write interval; the ticks after it never do.
    await vi.waitFor(async () => expect(await storedPoints(factory)).toBe(1), { timeout: 5000 });

    const after = await openPage(factory, storage); // the reload
    expect(after.getState().runs[0]).toMatchObject({ state: 'stopped', message: 'Interrupted at iteration 12: the page was reloaded or closed while it trained.' });
  });

  it('is forgotten once the run ends here, and for runs that are gone', async () => {
    const factory = new IDBFactory();
    const storage = memoryStorage();
    const page = await openPage(factory, storage);
    trainTo(page, 8, 12);
    expect(storage.length).toBe(1);
    page.dispatch({ type: 'runState', runId: 'r1', state: 'finished' });
    expect(storage.length).toBe(0);

    storage.setItem('residual-playground.reached-iteration.deleted-run', '5');
    storage.setItem('unrelated', 'kept');
    await openPage(factory, storage);
    expect(storage.getItem('residual-playground.reached-iteration.deleted-run')).toBeNull();
    expect(storage.getItem('unrelated')).toBe('kept');
  });
});
