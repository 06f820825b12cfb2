// "Start again" for a run that was lost before its first checkpoint: nothing to resume from, so it trains
// anew from iteration 0. It takes the lost run's place: the same settings and seed train the same curve again,
// so the lost run's points would only be a duplicate of the new run's first ones.
import type { NoticeAction, Run } from './appState';
import { newRunId } from './runIds';
import type { Store } from './store';

export function startAgainAction(store: Store, lost: Run): NoticeAction {
  return {
    label: 'Start again',
    perform: () => {
      const runId = newRunId();
      store.dispatch({ type: 'runRemoved', runId: lost.id });
      store.dispatch({ type: 'runsQueued', runs: [{ runId, config: lost.config, experimentId: lost.experimentId }], createdAt: Date.now() });
      if (lost.label !== undefined) store.dispatch({ type: 'runRenamed', runId, label: lost.label });
      // The loss paused the queue; pressing this is a request to train now.
      store.dispatch({ type: 'queueResumed' });
    },
  };
}
