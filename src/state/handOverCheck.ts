// The moment the queue hands a run to the worker, under the training lock, is where the promise that an
// identical run is never trained twice by accident must hold. The plan (planExperiment.ts) saw this tab's runs
// when Train was pressed; another tab may have trained the same network since, or be training it: two tabs
// pressing Train together both plan it, one gets the lock, and the other's queue must not train it again once
// the lock is its turn.
import { configKey, repeatOf } from '../experiment/planExperiment';
import { isActive, isQueued, type AppState, type Run } from './appState';
import { displayedRunName } from './runDisplayName';

/** The ids of the runs `config` would repeat now: taken when a run is queued, they are the ones the user saw and
 *  chose to train again anyway ("Train again"), so they never stop it later. */
export function repeatsNow(state: AppState, config: Run['config']): Set<string> {
  const key = configKey(config);
  const backend = state.backend?.name ?? null;
  return new Set(state.runs.filter((run) => repeatOf(run, configKey(run.config), key, backend) !== null).map((run) => run.id));
}

/** The run `queued` would repeat if it trained now: one of this browser with identical settings, training (in
 *  another tab) or finished on this backend, that is not among `seenWhenQueued` (repeatsNow when it was
 *  queued). Undefined `seenWhenQueued` (queued before a reload, choice unknown) lets every identical run count:
 *  training it again is then a click away, an accidental recompute costs hours. A training one is preferred to a
 *  finished one, and the newest finished one to older ones. */
export function repeatedRun(state: AppState, queued: Run, seenWhenQueued: ReadonlySet<string> | undefined): Run | undefined {
  const key = configKey(queued.config);
  const backend = state.backend?.name ?? null;
  const repeated = state.runs.filter(
    (run) => run.id !== queued.id && !isQueued(run) && !seenWhenQueued?.has(run.id) && repeatOf(run, configKey(run.config), key, backend) !== null,
  );
  return repeated.find(isActive) ?? repeated[repeated.length - 1];
}

/** What the user is told instead of a second training; `trainedElsewhere` when another tab of this page trained
 *  (or trains) `repeated`. */
export function repeatNotice(repeated: Run, trainedElsewhere: boolean): string {
  const name = displayedRunName(repeated);
  if (isActive(repeated)) return `${name} is already training in another tab with identical settings: followed here instead of training it twice.`;
  const where = trainedElsewhere ? 'in another tab' : 'here';
  return `${name} was already trained ${where} with identical settings: shown instead of training it again. Tick “Train again” to retrain it.`;
}
