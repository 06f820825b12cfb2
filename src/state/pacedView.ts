// When a paced view (the error chart, the diagnostics) shows a change of the state it draws. Such a view follows
// a training run's growing curves once per interval, and shows anything else (the user's action, a run added,
// hidden or ended) at once.
//
// It takes the new value in a store publish, not on a timer of its own, so the page changes in no more frames than
// the store publishes (and one paced view per publish: store.claimPacedRedraw). Each frame the page changes costs
// the compositor a redraw of the window; on a software GPU sharing the CPU with training that took 25-250 ms, and
// with the views on timers of their own the page changed in 5-7 frames a second, making p95 of the frame
// intervals 33-67 ms (issue 20, finding 2; docs/benchmarks.md).
import { VIEW_INTERVAL_MS } from './viewCadence';

/** A view interval ends at a publish that comes up to this early (ms): publishes are VIEW_INTERVAL_MS apart, so
 *  "1 s since the last redraw" is met by every other publish, not every third. */
export const PUBLISH_SLACK_MS = VIEW_INTERVAL_MS / 2;

export interface Offer {
  /** The view's interval (ms); 0: it follows every publish. */
  intervalMs: number;
  /** Since the view last took a value (ms). */
  sinceShownMs: number;
  /** The publish carries only the worker's progress stream (store.isPacedPublish); false for the user's actions
   *  and a run starting or ending, and for a render the view did for its own reasons. */
  pacedPublish: boolean;
  /** The change is one the view draws at once whatever the time (a run added, hidden, ended). */
  drawAtOnce: boolean;
}

/** Whether the view takes the new value now. */
export function showsNow({ intervalMs, sinceShownMs, pacedPublish, drawAtOnce }: Offer): boolean {
  return intervalMs === 0 || !pacedPublish || drawAtOnce || sinceShownMs >= intervalMs - PUBLISH_SLACK_MS;
}

/** How long a change left waiting waits if no further publish comes (the run paused or ended between reports):
 *  past the publish that would normally show it, so the view rarely redraws in a frame of its own. */
export function fallbackDelayMs(intervalMs: number, sinceShownMs: number): number {
  return Math.max(0, intervalMs - sinceShownMs) + VIEW_INTERVAL_MS;
}
