// Starts queued runs one after another: whenever nothing is training and the queue is not paused, the next
// queued run goes to the worker. The queue lives in the UI state (reorder, cancel, persist); the worker only
// ever trains the one run it is given. With several tabs open, a tab trains only while it holds the training
// lock (trainingLock.ts): the others' queues wait for it. A run that another tab trained (or trains) meanwhile
// with identical settings is not trained again when the lock comes (handOverCheck.ts).
import { dataAllowsRun } from '../data/availability';
import { activeRun, nextQueuedRun, type AppState, type Run } from './appState';
import { repeatedRun, repeatNotice, repeatsNow } from './handOverCheck';
import type { Store } from './store';
import type { TrainingClient } from './trainingClient';
import type { TrainingLock } from './trainingLock';

const OTHER_TAB_TRAINING = "Another tab of this page is training: this tab's queue starts when it is done (one tab trains at a time).";

function readyToStart(state: AppState): boolean {
  // While CIFAR-10 downloads, a queued run whose images are all in the first part may start (availability.ts).
  const next = nextQueuedRun(state);
  const dataAllows = next ? dataAllowsRun(state.data, next.config) : state.data.state === 'ready';
  return !state.queuePaused && state.historyLoaded && !activeRun(state) && dataAllows && state.backend !== null;
}

export function startQueueRunner(store: Store, client: Pick<TrainingClient, 'start'>, lock?: TrainingLock): () => void {
  /** Releases the lock this tab holds while its run trains. */
  let release: (() => void) | null = null;
  let acquiring = false;
  /** True while a run is handed over: what that dispatches must not start another hand-over. */
  let handing = false;
  /** By queued run: the identical runs there were when it was queued (handOverCheck.ts). */
  const seenWhenQueued = new Map<string, Set<string>>();
  /** Runs this tab has followed as another tab trained them. */
  const trainedElsewhere = new Set<string>();

  // Observers see an action before it is applied: the state is the one the user queued the runs in.
  const stopObserving = store.observeActions((action) => {
    if (action.type !== 'runsQueued') return;
    for (const request of action.runs) seenWhenQueued.set(request.runId, repeatsNow(store.getState(), request.config));
  });

  /** Starts the next queued run that repeats nothing, leaving out (and naming) the ones that would; whether
   *  one started. */
  const startNext = (): boolean => {
    handing = true;
    try {
      for (let next = nextQueuedRun(store.getState()); next; next = nextQueuedRun(store.getState())) {
        const state = store.getState();
        // A run put back by Resume continues its own curve: the user asked for exactly that run.
        const repeated = state.checkpoints[next.id] ? undefined : repeatedRun(state, next, seenWhenQueued.get(next.id));
        seenWhenQueued.delete(next.id);
        if (!repeated) return startRun(state, next);
        store.dispatch({ type: 'runRemoved', runId: next.id });
        if (repeated.hidden) store.dispatch({ type: 'runVisibilitySet', runId: repeated.id, hidden: false });
        store.dispatch({ type: 'notice', scope: 'experiment', message: repeatNotice(repeated, trainedElsewhere.has(repeated.id)) });
      }
      return false;
    } finally {
      handing = false;
    }
  };

  const startRun = (state: AppState, next: Run): boolean => {
    // A queued run with a checkpoint was put back by Resume: it continues rather than starting over, and is
    // evaluated again at the checkpoint if that evaluation did not reach the stored curve before the page went.
    const checkpoint = state.checkpoints[next.id];
    const resume = checkpoint ? { evaluate: !next.test.some((point) => point.iteration === checkpoint.iteration) } : undefined;
    client.start(next.id, next.config, resume);
    return true;
  };

  const startNextIfIdle = () => {
    const state = store.getState();
    if (state.remoteRunId !== null) trainedElsewhere.add(state.remoteRunId);
    if (handing) return;
    if (release && !activeRun(state)) {
      // This tab's run ended. Its next queued run goes on under the lock it holds, so an experiment trains to its
      // end before another tab's queue starts. Letting go and asking again at once found the lock still held (Web
      // Locks let go only after the callback's promise settles, a task later) and said "another tab is training"
      // between the runs of every experiment, with one tab open (issue 20).
      if (readyToStart(state) && nextQueuedRun(state) && startNext()) return;
      release(); // nothing more to train here: another tab may train now
      release = null;
    }
    if (acquiring || release || !readyToStart(state) || !nextQueuedRun(state)) return;
    if (!lock) return void startNext();
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
      if (startNext()) {
        // This tab trains now: a notice that it waits for another is stale. Only once its run is active, so the
        // dismissal's own update finds nothing to start.
        for (const notice of store.getState().notices) {
          if (notice.message === OTHER_TAB_TRAINING) store.dispatch({ type: 'noticeDismissed', id: notice.id });
        }
        return;
      }
      release = null; // every queued run repeated one of another tab: nothing trains here
      releaseLock();
    });
  };
  const unsubscribe = store.subscribe(startNextIfIdle);
  startNextIfIdle();
  return () => {
    stopObserving();
    unsubscribe();
    release?.();
  };
}
