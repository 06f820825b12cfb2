// The iteration the run training in this tab has reached, kept in localStorage step by step, so that after a
// reload the run says where it really was ("Interrupted at iteration 12", as the status bar showed) rather
// than where its last stored point is (8): the stored run leaves out the live progress (trainTick), and it is
// written to IndexedDB at most every 2 s and asynchronously, so a reload can come first, whereas
// localStorage.setItem has written when it returns.
import { localActiveRun, type Run } from './appState';
import { interruptionMessage, type RunHistory } from './runHistory';
import type { Store } from './store';

const KEY_PREFIX = 'residual-playground.reached-iteration.';

function lastStoredIteration(run: Run): number {
  return run.train[run.train.length - 1]?.iteration ?? 0;
}

/** Records the local run's iteration as it trains; forgets it once the run ends here (finished, stopped,
 *  failed or deleted: only an interrupted run's message uses it). `storage` null: nothing is kept. */
export function startReachedIterationMemory(store: Store, storage: Storage | null): () => void {
  if (!storage) return () => undefined;
  const written = new Map<string, number>();
  const sync = () => {
    const state = store.getState();
    const run = localActiveRun(state);
    const iteration = run?.live?.iteration;
    if (run && iteration !== undefined && written.get(run.id) !== iteration) {
      written.set(run.id, iteration);
      try {
        storage.setItem(KEY_PREFIX + run.id, String(iteration));
      } catch {
        // Storage full or blocked: the message falls back to the last stored point.
      }
    }
    for (const runId of written.keys()) {
      if (runId === run?.id) continue;
      written.delete(runId);
      storage.removeItem(KEY_PREFIX + runId);
    }
  };
  return store.subscribe(sync);
}

/** `history` whose runs, as restored after a reload, name the iteration an interrupted run had reached.
 *  Entries of runs no longer interrupted (resumed elsewhere, deleted) are dropped. */
export function withReachedIterations(history: RunHistory, storage: Storage | null): RunHistory {
  if (!storage) return history;
  return {
    ...history,
    loadAll: async () => {
      const loaded = await history.loadAll();
      const runs = loaded.runs.map((run) => {
        const reached = Number(storage.getItem(KEY_PREFIX + run.id));
        const stored = lastStoredIteration(run);
        // restoredRun (runHistory.ts) wrote the message from the last stored point: replaced when the run got further.
        const interrupted = run.state === 'stopped' && run.message === interruptionMessage(stored);
        return interrupted && Number.isSafeInteger(reached) && reached > stored ? { ...run, message: interruptionMessage(reached) } : run;
      });
      const keep = new Set(runs.filter((run) => run.state === 'stopped').map((run) => KEY_PREFIX + run.id));
      for (let i = storage.length - 1; i >= 0; i--) {
        const key = storage.key(i);
        if (key?.startsWith(KEY_PREFIX) && !keep.has(key)) storage.removeItem(key);
      }
      return { ...loaded, runs };
    },
  };
}
