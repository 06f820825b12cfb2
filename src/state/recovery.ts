// What to do with the run that was training when its worker died (GPU device lost, a crash, a hang): resume
// it from its checkpoint in a new worker, or, with no checkpoint or after too many losses in a row, end it
// with a message that says what happened and what the user can do.
import { localActiveRun, type AppState, type Run } from './appState';
import type { BackendName } from '../protocol';

/** The loss that ends recovery: the first is resumed, and so is each next one while the run has not trained
 *  past the iteration of the loss before it, up to this many in a row (the README says 3). */
export const MAX_LOSSES_IN_A_ROW = 3;

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
  /** The checkpoint's iteration, where the run resumes. */
  checkpointIteration: number;
}

/** What the give-up notice offers: the run started again from iteration 0 (it had no checkpoint), or the
 *  page reloaded on WebGL (WebGPU keeps failing; never chosen without the user). */
export type RecoveryOffer = 'start-again' | 'webgl' | null;

export type RecoveryPlan =
  | { kind: 'nothing-to-do' }
  | { kind: 'resume'; run: Run; recovery: Recovery; evaluate: boolean }
  | { kind: 'give-up'; run: Run; message: string; offer: RecoveryOffer };

const LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'the CPU' };

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
    // Lost before its first checkpoint (or with the browser's storage unavailable, which its own notice said):
    // the same seed trains the same curve again, so starting over loses nothing but time.
    return {
      kind: 'give-up',
      run,
      message: `${what} at iteration ${lostAt}, and the run could not be resumed: it had no checkpoint yet. Its curves are kept.`,
      offer: 'start-again',
    };
  }
  const attempts = previous?.runId === run.id ? previous.attempts + 1 : 1;
  if (attempts >= MAX_LOSSES_IN_A_ROW) {
    const onWebGpu = state.backend?.name === 'webgpu';
    return {
      kind: 'give-up',
      run,
      message:
        `${what} at iteration ${lostAt}: ${MAX_LOSSES_IN_A_ROW} losses in a row without getting further, so recovery stopped. ` +
        `Resume continues from iteration ${checkpoint.iteration} when you want to try again; if it keeps happening, ` +
        `a smaller batch or network needs less GPU memory${onWebGpu ? ', and WebGL trains the same networks (slower)' : ''}.`,
      offer: onWebGpu ? 'webgl' : null,
    };
  }
  return {
    kind: 'resume',
    run,
    recovery: { runId: run.id, attempts, lostAt, what, since: now, checkpointIteration: checkpoint.iteration },
    evaluate: !run.test.some((point) => point.iteration === checkpoint.iteration),
  };
}

/** The one line the user reads once the run trains again. */
export function recoveredMessage(recovery: Recovery, resumedFrom: number, now: number): string {
  const seconds = ((now - recovery.since) / 1000).toFixed(1);
  return `${recovery.what} at iteration ${recovery.lostAt}; resumed from iteration ${resumedFrom} (checkpoint) after ${seconds} s.`;
}

/** The run's end when the new worker could not get the run's backend back (`reason`: the worker's words).
 *  Chromium blocks WebGPU (and WebGL) for a site that lost its GPU context twice within 2 minutes, in every tab
 *  and reload, until the older loss is 2 minutes old (content/browser/gpu/gpu_data_manager_impl_private.cc:
 *  kMaxNumResetsWithinDuration 2, kBlockedDomainExpirationPeriod 2 min; seen on Chromium 156 with CDP
 *  Browser.crashGpuProcess). The run stops there rather than going on, unasked, on a slower backend. */
export function backendGoneMessage(recovery: Recovery, backend: BackendName, reason: string): string {
  return (
    `${recovery.what} at iteration ${recovery.lostAt}, and ${LABEL[backend]} is no longer available in this page (${reason.replace(/\.$/, '')}). ` +
    `The run stopped: after a reload it resumes from iteration ${recovery.checkpointIteration} on ${LABEL[backend]} ` +
    '(after two GPU resets within 2 minutes Chromium withholds WebGPU from this site until the first is 2 minutes old: reload then, or train on WebGL).'
  );
}
