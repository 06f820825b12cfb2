// The current run's activity in words for the status bar, from what the worker last said and how long ago:
// pure, so it is tested without a browser.
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

export function runActivity(run: Pick<Run, 'state' | 'phase' | 'live' | 'evaluatingImages'>, msSinceReport: number, backendIsGpu: boolean): Activity {
  const seconds = Math.max(0, Math.round(msSinceReport / 1000));
  const doing = (() => {
    if (run.state === 'paused') return 'Paused';
    if (run.evaluatingImages) return `Testing on ${run.evaluatingImages.toLocaleString('en-US')} images (${seconds} s)…`;
    if (run.phase === 'building') return 'Building the network…';
    if (run.phase === 'firstStep') {
      return backendIsGpu ? `First step: compiling the GPU shaders (${seconds} s)…` : `First step (${seconds} s)…`;
    }
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
export function progressAnnouncement(name: string, run: Pick<Run, 'state' | 'phase' | 'live' | 'evaluatingImages' | 'totalIterations'>): string {
  if (run.state === 'paused') return `${name} paused.`;
  if (run.phase === 'building') return `${name}: building the network.`;
  if (run.phase === 'firstStep') return `${name}: first training step.`;
  if (run.evaluatingImages) return `${name}: testing.`;
  if (!run.live || !run.totalIterations) return `${name}: starting.`;
  const tenths = Math.floor((10 * run.live.iteration) / run.totalIterations);
  return `${name}: ${tenths * 10}% trained.`;
}
