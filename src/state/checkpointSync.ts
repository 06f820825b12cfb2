// Keeps the checkpoints in storage in step with the runs: lists them at start-up (so interrupted runs show
// where they would resume), and deletes those of runs that finished or were deleted (a checkpoint of
// ResNet-110 is several MB; nobody would ever resume it). The worker writes checkpoints; this only reads
// the pointers and deletes.
import type { CheckpointStore } from '../checkpoint/checkpointStore';
import type { Store } from './store';

/** `historyRestored`: whether the saved runs were read back. Only then does a checkpoint without a run mean
 *  the run was deleted (if the runs could not be read, their checkpoints are all that is left: kept). */
export async function startCheckpointSync(
  store: Store,
  checkpoints: CheckpointStore | null,
  historyRestored: Promise<boolean>,
  /** Runs kept aside at start-up (damaged records): not orphans, the user may import them again. */
  keptAside: Promise<ReadonlySet<string>> = Promise.resolve(new Set()),
): Promise<() => void> {
  if (!checkpoints) return () => undefined;
  let listed;
  try {
    listed = await checkpoints.list();
  } catch {
    return () => undefined; // the worker says so when it cannot save; nothing to show or delete here
  }
  store.dispatch({ type: 'checkpointsListed', checkpoints: listed });
  const orphansMayGo = await historyRestored;
  const aside = await keptAside;

  /** Runs with a checkpoint in storage, as far as this tab knows. */
  const stored = new Set(listed.map((info) => info.runId));
  const sync = () => {
    const state = store.getState();
    if (!state.historyLoaded) return;
    for (const runId of Object.keys(state.checkpoints)) stored.add(runId);
    for (const runId of [...stored]) {
      const run = state.runs.find((candidate) => candidate.id === runId);
      if (run ? run.state !== 'finished' : !orphansMayGo || aside.has(runId)) continue;
      stored.delete(runId);
      checkpoints.delete(runId).catch(() => stored.add(runId)); // tried again at the next change
      if (runId in state.checkpoints) store.dispatch({ type: 'checkpointDeleted', runId });
    }
  };
  const unsubscribe = store.subscribe(sync);
  sync();
  return unsubscribe;
}
