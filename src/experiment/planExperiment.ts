// Turns "run this experiment" into the runs to queue, without ever recomputing by accident: a network whose
// exact configuration already finished on this backend is reused, and one already queued or training is not
// queued twice. Retraining is always possible, but only when the user asks for it.
import type { BackendName } from '../protocol';
import type { TrainConfig } from '../config';
import { isActive, isQueued, type Run } from '../state/appState';
import type { ExperimentMember } from './experimentPresets';

/** §4.2: ResNet-110 starts at lr/10 until the training error is below 80%; the paper does so from 110 layers. */
export const WARMUP_FROM_DEPTH = 110;

/** The full configuration of one member: the shared recipe with the member's network. */
export function memberConfig(recipe: TrainConfig, member: ExperimentMember): TrainConfig {
  return {
    ...recipe,
    model: { ...recipe.model, ...member, shortcut: member.blockType === 'plain' ? recipe.model.shortcut : member.shortcut },
    warmup: recipe.warmup || member.depth >= WARMUP_FROM_DEPTH,
  };
}

/** Two configurations are the same run when every field is equal (key order does not matter). */
export function configKey(config: TrainConfig): string {
  const sorted = (value: unknown): unknown =>
    value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value as object)
            .sort()
            .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
        )
      : value;
  return JSON.stringify(sorted(config));
}

/** Why training a configuration keyed `key` on `backend` would repeat `run`: the same network waiting or
 *  training ('pending'), or finished on the same backend ('finished'); null when it would not. Runs imported
 *  from a file never count: they were trained elsewhere, by someone else. The one identity rule, used when an
 *  experiment is planned and again when the queue hands a run to the worker (handOverCheck.ts). */
export function repeatOf(run: Run, runKey: string, key: string, backend: BackendName | null): 'pending' | 'finished' | null {
  if (run.importedFrom || runKey !== key) return null;
  if (isQueued(run) || isActive(run)) return 'pending';
  return run.state === 'finished' && run.backend?.name === backend ? 'finished' : null;
}

export interface ExperimentPlan {
  /** Configurations to queue, in the experiment's order. */
  toQueue: TrainConfig[];
  /** Finished runs of this browser with the same configuration on the same backend: shown, not retrained. */
  reused: Run[];
  /** Runs with the same configuration already waiting or training. */
  pending: Run[];
}

export function planExperiment(
  recipe: TrainConfig,
  members: readonly ExperimentMember[],
  runs: readonly Run[],
  backend: BackendName | null,
  options: { retrainFinished: boolean },
): ExperimentPlan {
  const plan: ExperimentPlan = { toQueue: [], reused: [], pending: [] };
  const planned = new Set<string>();
  // Keyed once: the plan is recomputed on every training event while the page shows it.
  const ownRuns = runs.filter((run) => !run.importedFrom).map((run) => ({ run, key: configKey(run.config) }));
  for (const member of members) {
    const config = memberConfig(recipe, member);
    const key = configKey(config);
    if (planned.has(key)) continue;
    planned.add(key);
    const pending = ownRuns.find((entry) => repeatOf(entry.run, entry.key, key, backend) === 'pending')?.run;
    const finished = ownRuns.filter((entry) => repeatOf(entry.run, entry.key, key, backend) === 'finished').pop()?.run;
    if (pending) plan.pending.push(pending);
    else if (finished && !options.retrainFinished) plan.reused.push(finished);
    else plan.toQueue.push(config);
  }
  return plan;
}
