// Starts queued runs one after another: whenever nothing is training and the queue is not paused, the next
// queued run goes to the worker. The queue lives in the UI state (reorder, cancel, persist); the worker only
// ever trains the one run it is given. With several tabs open, a tab trains only while it holds the training
// lock (trainingLock.ts): the others' queues wait for it.
import { activeRun, nextQueuedRun, type AppState } from './appState';
import type { Store } from './store';
import type { TrainingClient } from './trainingClient';
import type { TrainingLock } from './trainingLock';

const OTHER_TAB_TRAINING = "Another tab of this page is training: this tab's queue starts when it is done (one tab trains at a time).";

function readyToStart(state: AppState): boolean {
  return !state.queuePaused && state.historyLoaded && !activeRun(state) && state.data.state === 'ready' && state.backend !== null;
}

export function startQueueRunner(store: Store, client: Pick<TrainingClient, 'start'>, lock?: TrainingLock): () => void {
  /** Releases the lock this tab holds while its run trains. */
  let release: (() => void) | null = null;
  let acquiring = false;

  const startNext = () => {
    const state = store.getState();
    const next = nextQueuedRun(state);
    if (!next) return;
    // A queued run with a checkpoint was put back by Resume: it continues rather than starting over, and is
    // evaluated again at the checkpoint if that evaluation did not reach the stored curve before the page went.
    const checkpoint = state.checkpoints[next.id];
    const resume = checkpoint ? { evaluate: !next.test.some((point) => point.iteration === checkpoint.iteration) } : undefined;
    client.start(next.id, next.config, resume);
  };

  const startNextIfIdle = () => {
    const state = store.getState();
    if (release && !activeRun(state)) {
      release(); // this tab's run ended: another tab may train now
      release = null;
    }
    if (acquiring || release || !readyToStart(state) || !nextQueuedRun(state)) return;
    if (!lock) return startNext();
    acquiring = true;
    void lock.tryAcquire().then((releaseLock) => {
      acquiring = false;
      if (!releaseLock) {
        store.dispatch({ type: 'notice', scope: 'training', message: OTHER_TAB_TRAINING });
        void lock.whenFree().then(startNextIfIdle);
        return;
      }
      const now = store.getState();
      if (!readyToStart(now) || !nextQueuedRun(now)) return releaseLock(); // things changed while asking
      release = releaseLock;
      startNext();
    });
  };
  const unsubscribe = store.subscribe(startNextIfIdle);
  startNextIfIdle();
  return () => {
    unsubscribe();
    release?.();
  };
}
