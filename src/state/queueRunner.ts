// Starts queued runs one after another: whenever nothing is training and the queue is not paused, the next
// queued run goes to the worker. The queue lives in the UI state (reorder, cancel, persist); the worker only
// ever trains the one run it is given.
import { activeRun, nextQueuedRun } from './appState';
import type { Store } from './store';
import type { TrainingClient } from './trainingClient';

export function startQueueRunner(store: Store, client: Pick<TrainingClient, 'start'>): () => void {
  const startNextIfIdle = () => {
    const state = store.getState();
    if (state.queuePaused || !state.historyLoaded || activeRun(state)) return;
    if (state.data.state !== 'ready' || state.backend === null) return;
    const next = nextQueuedRun(state);
    if (!next) return;
    // A queued run with a checkpoint was put back by Resume: it continues rather than starting over, and is
    // evaluated again at the checkpoint if that evaluation did not reach the stored curve before the page went.
    const checkpoint = state.checkpoints[next.id];
    const resume = checkpoint ? { evaluate: !next.test.some((point) => point.iteration === checkpoint.iteration) } : undefined;
    client.start(next.id, next.config, resume);
  };
  const unsubscribe = store.subscribe(startNextIfIdle);
  startNextIfIdle();
  return unsubscribe;
}
