// The main button's words: what pressing it does now. "Run experiment (0 runs)" while four runs waited in the
// queue read as "nothing happens" or "press again" (issue 20, finding 4); when nothing is left to queue the label
// says why, and the button is disabled (App.tsx gives the reason beside it).
import type { ExperimentPlan } from './experiment/planExperiment';

const runs = (count: number) => `${count} ${count === 1 ? 'run' : 'runs'}`;

export function mainActionLabel(single: boolean, plan: ExperimentPlan | null): string {
  if (single) return 'Train';
  if (!plan || plan.toQueue.length > 0) return `Run experiment (${runs(plan?.toQueue.length ?? 0)})`;
  const { pending, reused } = plan;
  if (pending.length > 0 && reused.length === 0) return pending.length === 1 ? 'Already queued or training' : `All ${pending.length} queued or training`;
  if (pending.length === 0 && reused.length > 0) return reused.length === 1 ? 'Already finished here' : `All ${reused.length} finished here`;
  if (pending.length > 0) return `All ${pending.length + reused.length} queued, training or finished`;
  return 'Run experiment (no networks)';
}
