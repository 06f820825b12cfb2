// While a run trains, the chart follows its growing curves once a second at most, as the diagnostics do
// (state/pacedView.ts, in the store's publish that ends the second). Each redraw gives recharts new data, and
// recharts answers new data by recomputing every selector of the chart twice (its data is unset, then set); at the
// view's former 4 Hz that was the largest part of the page's main-thread work while a micro pair trained (issue 20,
// finding 2). Anything else (a run added, removed, hidden, renamed or ended) is drawn at once.
import type { Run } from '../../state/appState';
import { sameStructure } from './chartRuns';

/** How often the chart follows a training run's curves. */
export const CURVES_INTERVAL_MS = 1_000;

/** True when `next` differs from `shown` only in the runs' curves (and what grows with them). */
export function onlyCurvesGrew(shown: readonly Run[], next: readonly Run[]): boolean {
  return shown.length === next.length && next.every((run, i) => sameStructure(run, shown[i]));
}

/** A change the chart draws at once, whatever the time since its last redraw: anything but grown curves. */
export function drawCurvesAtOnce(shown: readonly Run[], next: readonly Run[]): boolean {
  return !onlyCurvesGrew(shown, next);
}
