// The learning-rate schedule of a run as steps, for the lr strip under the chart: §4.2's lr 0.1, ÷10 at 50% and
// 75% of the run (32k and 48k of 64k), and, for a run with the ResNet-110 warm-up, lr 0.01 until the training
// error is below 80%. The warm-up's end is known only once the run got there, from its training points.
import { lrDropIterations, warmupIsOver, warmupLearningRate } from '../../engine/schedule';
import type { Run } from '../../state/appState';

export interface LrStep {
  /** First step index (0-based iteration) at this learning rate. */
  iteration: number;
  learningRate: number;
}

/** The warm-up of a run: none; ended after `at` iterations; or still on after the last point, at `at`. */
export type WarmupState = { kind: 'none' } | { kind: 'ended'; at: number } | { kind: 'on'; at: number };

type ScheduleFields = Pick<Run, 'config' | 'train' | 'totalIterations' | 'lrDropIterations'>;

/** When the warm-up ended: after the first metrics window whose training error is below 80% (the trainer
 *  switches to the schedule's rate right after that window, src/engine/trainer.ts). */
export function warmupState(run: ScheduleFields): WarmupState {
  if (!run.config.warmup) return { kind: 'none' };
  const over = run.train.find((p) => warmupIsOver(p.trainError));
  if (over) return { kind: 'ended', at: over.iteration };
  return { kind: 'on', at: run.train.length > 0 ? run.train[run.train.length - 1].iteration : 0 };
}

/** The run's whole length in iterations (an imported run may lack it: then up to its last point). */
function totalIterations(run: ScheduleFields): number {
  return run.totalIterations ?? Math.max(0, ...run.train.map((p) => p.iteration));
}

/**
 * The learning rate as steps from iteration 0 to the end of the run, the last step repeated at the end so a
 * step line reaches it. A warm-up still on is drawn up to the last point; after it, the schedule as planned.
 */
export function learningRateSteps(run: ScheduleFields): LrStep[] {
  const total = totalIterations(run);
  if (total <= 0) return [];
  const base = run.config.learningRate;
  const drops = run.lrDropIterations ?? lrDropIterations(total);
  const warmup = warmupState(run);
  const warmupEnd = warmup.kind === 'none' ? 0 : warmup.at;
  const rateAt = (iteration: number) =>
    iteration < warmupEnd ? warmupLearningRate(base) : base / 10 ** drops.filter((drop) => iteration >= drop).length;
  const changes = [...new Set([0, warmupEnd, ...drops])].filter((i) => i >= 0 && i < total).sort((a, b) => a - b);
  const steps: LrStep[] = [];
  for (const iteration of changes) {
    const learningRate = rateAt(iteration);
    if (steps.length === 0 || steps[steps.length - 1].learningRate !== learningRate) steps.push({ iteration, learningRate });
  }
  steps.push({ iteration: total, learningRate: steps[steps.length - 1].learningRate });
  return steps;
}
