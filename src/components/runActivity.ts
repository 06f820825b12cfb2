// The current run's activity in words for the status bar, from what the worker last said and how long ago:
// pure, so it is tested without a browser.
import type { TrainConfig } from '../config';
import type { Run } from '../state/appState';

export interface Activity {
  /** What is happening now, e.g. "Building the network…", "Training", "Testing on 10,000 images…". */
  doing: string;
  /** Seconds left by the last report, minus the time since (never below 0); null while unknown. */
  etaSeconds: number | null;
  /** Set when the worker has been quiet for a while inside one step (a slow device): seconds so far. */
  stepRunningSeconds: number | null;
}

/** A quiet spell shorter than this is normal between reports (ms). */
const QUIET_MS = 2_500;

/** What the status knows besides the run's own record. */
export interface ActivityContext {
  /** Stop was pressed and the worker has not confirmed it yet. */
  stopping?: boolean;
}

type ShownRun = Pick<Run, 'state' | 'phase' | 'live' | 'evaluatingImages'> & { config?: Pick<TrainConfig, 'batchSize'> };

export function runActivity(run: ShownRun, msSinceReport: number, backendIsGpu: boolean, context: ActivityContext = {}): Activity {
  const seconds = Math.max(0, Math.round(msSinceReport / 1000));
  const doing = (() => {
    // The worker stops between steps, and one step of a big network on a slow device takes a minute.
    if (context.stopping) return 'Stopping… (the step under way finishes first)';
    if (run.state === 'paused') return 'Paused';
    if (run.evaluatingImages) return `Testing on ${run.evaluatingImages.toLocaleString('en-US')} images (${seconds} s)…`;
    if (run.phase === 'building') return 'Building the network…';
    if (run.phase === 'firstStep') {
      // One step of `batchSize` images, but the slowest: the GPU programs are compiled as the step first needs them.
      const images = run.config ? `training the first ${run.config.batchSize.toLocaleString('en-US')} images` : 'training';
      return backendIsGpu ? `First step: compiling the GPU shaders and ${images} (${seconds} s)…` : `First step: ${images} (${seconds} s)…`;
    }
    // Once per network and GPU (engine/kernelTuning.ts): each kernel's candidates timed, the fastest kept.
    if (run.phase === 'timingKernels') return `Timing this GPU's kernels for this network, once (at most 5 s; ${seconds} s)…`;
    if (run.state === 'starting') return 'Starting: preparing the data and the backend…';
    return 'Training';
  })();
  const live = run.live;
  const counting = run.state === 'running' && !run.evaluatingImages && live !== undefined;
  const etaSeconds = live && Number.isFinite(live.etaSeconds) ? Math.max(0, live.etaSeconds - (counting ? msSinceReport / 1000 : 0)) : null;
  const stepRunningSeconds = counting && msSinceReport > QUIET_MS && !run.phase ? seconds : null;
  return { doing, etaSeconds, stepRunningSeconds };
}

/** A coarse summary for screen readers (an aria-live region): changes on a new phase and every 10% of the run,
 *  not every second. */
export function progressAnnouncement(name: string, run: Pick<Run, 'state' | 'phase' | 'live' | 'evaluatingImages' | 'totalIterations'>, context: ActivityContext = {}): string {
  if (context.stopping) return `${name}: stopping.`;
  if (run.state === 'paused') return `${name} paused.`;
  if (run.phase === 'building') return `${name}: building the network.`;
  if (run.phase === 'firstStep') return `${name}: first training step.`;
  if (run.phase === 'timingKernels') return `${name}: timing this GPU's kernels.`;
  if (run.evaluatingImages) return `${name}: testing.`;
  if (!run.live || !run.totalIterations) return `${name}: starting.`;
  const tenths = Math.floor((10 * run.live.iteration) / run.totalIterations);
  return `${name}: ${tenths * 10}% trained.`;
}
