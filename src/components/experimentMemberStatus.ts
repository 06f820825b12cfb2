// What the experiment panel says next to each of its networks: what pressing the button would do with it.
import type { TrainConfig } from '../config';
import { configKey, type ExperimentPlan } from '../experiment/planExperiment';
import type { Run } from '../state/appState';

/** " · already trained here", " · training now" / " · paused" for the run the queue is on (the plan's
 *  `pending` holds it as well as the waiting runs), " · queued" for one waiting its turn, "" otherwise. */
export function memberStatus(plan: Pick<ExperimentPlan, 'reused' | 'pending'> | null, config: TrainConfig): string {
  if (!plan) return '';
  const key = configKey(config);
  const same = (run: Pick<Run, 'config'>) => configKey(run.config) === key;
  if (plan.reused.some(same)) return ' · already trained here';
  const pending = plan.pending.filter(same);
  if (pending.some((run) => run.state === 'running' || run.state === 'starting')) return ' · training now';
  if (pending.some((run) => run.state === 'paused')) return ' · paused';
  if (pending.length > 0) return ' · queued';
  return '';
}
