// Several tabs of this page, one training: the tab that trains shares its run's progress over a
// BroadcastChannel, so the others show it live ("training in another tab") instead of marking it interrupted;
// renames, hiding and deletes made in any tab reach the others, so none undoes another's change by writing an
// old copy; Pause and Stop pressed in another tab are forwarded to the tab that trains.
import { isActive, localActiveRun } from './appState';
import type { Action } from './reducer';
import type { Store } from './store';
import type { TrainingClient } from './trainingClient';
import type { TrainingLock } from './trainingLock';

const CHANNEL = 'residual-playground-tabs';

/** What this tab's own actions other tabs apply too: changes to kept runs, and the training run's events. */
const SHARED: ReadonlySet<Action['type']> = new Set<Action['type']>([
  'runRenamed',
  'runVisibilitySet',
  'runRemoved',
  'runStarted',
  'trainProgress',
  'trainTick',
  'runPhase',
  'evaluationStarted',
  'evaluation',
  'runState',
  'checkpointSaved',
  'checkpointDeleted',
]);

export type RunCommand = 'pause' | 'resume' | 'stop';

type TabMessage =
  | { kind: 'action'; action: Action }
  | { kind: 'control'; runId: string; command: RunCommand }
  /** A tab that just opened asks which run is training; the training tab answers with a remoteRunSnapshot. */
  | { kind: 'hello' };

export const INTERRUPTED_IN_OTHER_TAB = 'Interrupted: the tab that trained it was closed or reloaded.';

interface ChannelLike {
  postMessage(message: TabMessage): void;
  onmessage: ((event: MessageEvent<TabMessage>) => void) | null;
  close(): void;
}

/** `trainingElsewhere`: whether another tab held the training lock when this page loaded (it is then asked
 *  for the run it trains). */
export function startTabSync(
  store: Store,
  client: Pick<TrainingClient, 'pause' | 'resume' | 'stop' | 'setRemoteControl'>,
  lock: TrainingLock,
  trainingElsewhere: Promise<boolean>,
  channel: ChannelLike | null = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL),
): () => void {
  if (!channel) return () => undefined;
  const post = (message: TabMessage) => {
    try {
      channel.postMessage(message);
    } catch {
      // a closed channel (the page is going away): nothing to share any more
    }
  };

  const stopObserving = store.observeActions((action) => {
    if (action.type === 'runStarting') {
      // The other tabs may not know the run (queued here after they loaded): they get all of it.
      const run = store.getState().runs.find((candidate) => candidate.id === action.runId);
      if (run) post({ kind: 'action', action: { type: 'remoteRunStarting', run } });
    } else if (SHARED.has(action.type)) {
      post({ kind: 'action', action });
    }
  });

  /** Once the training tab lets go of the lock, a run still shown as training there was cut off with it. */
  let watching = false;
  const watchRemoteRun = () => {
    if (watching) return;
    watching = true;
    void lock.whenFree().then(() => {
      watching = false;
      if (store.getState().remoteRunId !== null) store.dispatchRemote({ type: 'remoteTrainingEnded', message: INTERRUPTED_IN_OTHER_TAB });
    });
  };

  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    if (message.kind === 'hello') {
      // The new tab restored this run from storage, up to 2 s behind, or not at all: it gets all of it now.
      const run = localActiveRun(store.getState());
      if (run) post({ kind: 'action', action: { type: 'remoteRunSnapshot', run } });
      return;
    }
    if (message.kind === 'control') {
      const state = store.getState();
      const training = state.runs.find((run) => run.id === message.runId);
      if (training && isActive(training) && state.remoteRunId !== message.runId) client[message.command]();
      return;
    }
    store.dispatchRemote(message.action);
    if (store.getState().remoteRunId !== null) watchRemoteRun();
  };

  client.setRemoteControl((runId, command) => post({ kind: 'control', runId, command }));

  // Opened while another tab trains: its run was restored from storage as interrupted (or not at all); asked
  // for, the training tab sends it whole, and this tab follows it from then on.
  void trainingElsewhere.then((elsewhere) => {
    if (elsewhere) post({ kind: 'hello' });
  });

  return () => {
    stopObserving();
    channel.close();
  };
}
