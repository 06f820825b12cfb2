// While a run trains, the chart follows its growing curves once a second at most, as the diagnostics do
// (diagnostics/usePaced.ts). Each redraw gives recharts new data, and recharts answers new data by recomputing
// every selector of the chart twice (its data is unset, then set); at the view's 4 Hz that was the largest part
// of the page's main-thread work while a micro pair trained (issue 20, finding 2). Anything else (a run added,
// removed, hidden, renamed or ended) is drawn at once. The redraw is a transition, so React renders it in slices
// between frames.
import type { Run } from '../../state/appState';
import { usePaced } from '../diagnostics/usePaced';
import { sameStructure } from './chartRuns';

/** How often the chart follows a training run's curves. */
export const CURVES_INTERVAL_MS = 1_000;

/** True when `next` differs from `shown` only in the runs' curves (and what grows with them). */
export function onlyCurvesGrew(shown: readonly Run[], next: readonly Run[]): boolean {
  return shown.length === next.length && next.every((run, i) => sameStructure(run, shown[i]));
}

/** `runs`, with a change that only grows the curves shown at most once per `intervalMs`; 0: `runs` itself. */
export function usePacedCurves(runs: readonly Run[], intervalMs: number): readonly Run[] {
  return usePaced(runs, intervalMs, (shown, next) => !onlyCurvesGrew(shown, next));
}
