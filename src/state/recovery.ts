// What to do with the run that was training when its worker died (GPU device lost, a crash, a hang): resume
// it from its checkpoint in a new worker, or, with no checkpoint or after too many losses in a row, end it
// with a message that says what happened and what the user can do.
import { localActiveRun, type AppState, type Run } from './appState';

/** Losses in a row (without getting past the iteration of the previous loss) before recovery gives up. */
export const MAX_RECOVERY_ATTEMPTS = 3;

/** A recovery in progress: cleared once the run trains past the iteration where it was lost. */
export interface Recovery {
  runId: string;
  /** Losses in a row for this run. */
  attempts: number;
  /** The iteration the run had reached when the worker was lost. */
  lostAt: number;
  /** What happened, as the start of a sentence: 'The GPU was reset', 'The training worker crashed'. */
  what: string;
  /** When the worker was replaced (ms, performance.now()), to report how long recovery took. */
  since: number;
}

export type RecoveryPlan =
  | { kind: 'nothing-to-do' }
  | { kind: 'resume'; run: Run; recovery: Recovery; evaluate: boolean }
  | { kind: 'give-up'; runId: string; message: string };

function reachedIteration(run: Run): number {
  return Math.max(run.live?.iteration ?? 0, run.train[run.train.length - 1]?.iteration ?? 0);
}

/** `previous`: the recovery still in progress, if any (its attempts count on). */
export function planRecovery(state: AppState, what: string, previous: Recovery | null, now: number): RecoveryPlan {
  const run = localActiveRun(state);
  if (!run) return { kind: 'nothing-to-do' };
  const lostAt = reachedIteration(run);
  const checkpoint = state.checkpoints[run.id];
  if (!checkpoint) {
    return {
      kind: 'give-up',
      runId: run.id,
      message: `${what} at iteration ${lostAt}, and the run has no checkpoint to resume from (the browser's storage is unavailable, or it was lost before its first one). Its curves are kept.`,
    };
  }
  const attempts = previous?.runId === run.id ? previous.attempts + 1 : 1;
  if (attempts > MAX_RECOVERY_ATTEMPTS) {
    return {
      kind: 'give-up',
      runId: run.id,
      message:
        `${what} at iteration ${lostAt}, for the ${MAX_RECOVERY_ATTEMPTS + 1}th time in a row without getting further, so recovery stopped. ` +
        `Resume continues from iteration ${checkpoint.iteration} when you want to try again; if it keeps happening, ` +
        'a smaller batch or network needs less GPU memory, and ?backend=webgl in the address trains on WebGL instead (slower).',
    };
  }
  return {
    kind: 'resume',
    run,
    recovery: { runId: run.id, attempts, lostAt, what, since: now },
    evaluate: !run.test.some((point) => point.iteration === checkpoint.iteration),
  };
}

/** The one line the user reads once the run trains again. */
export function recoveredMessage(recovery: Recovery, resumedFrom: number, now: number): string {
  const seconds = ((now - recovery.since) / 1000).toFixed(1);
  return `${recovery.what} at iteration ${recovery.lostAt}; resumed from iteration ${resumedFrom} (checkpoint) after ${seconds} s.`;
}
