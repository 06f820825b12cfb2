// While a run trains, the chart follows its growing curves once a second at most, as the diagnostics do
// (diagnostics/usePaced.ts). Each redraw gives recharts new data, and recharts answers new data by recomputing
// every selector of the chart twice (its data is unset, then set); at the view's 4 Hz that was the largest part
// of the page's main-thread work while a micro pair trained (issue 20, finding 2). Anything else (a run added,
// removed, hidden, renamed or ended) is drawn at once. The redraw is a transition, so React renders it in slices
// between frames.
import { startTransition, useEffect, useRef, useState } from 'react';
import type { Run } from '../../state/appState';
import { sameStructure } from './chartRuns';

/** How often the chart follows a training run's curves. */
export const CURVES_INTERVAL_MS = 1_000;

/** True when `next` differs from `shown` only in the runs' curves (and what grows with them). */
export function onlyCurvesGrew(shown: readonly Run[], next: readonly Run[]): boolean {
  return shown.length === next.length && next.every((run, i) => sameStructure(run, shown[i]));
}

/** `runs`, with a change that only grows the curves shown at most once per `intervalMs`; 0: `runs` itself. */
export function usePacedCurves(runs: readonly Run[], intervalMs: number): readonly Run[] {
  const [paced, setPaced] = useState(runs);
  const pacedAt = useRef(0);
  const immediate = intervalMs === 0 || !onlyCurvesGrew(paced, runs);
  useEffect(() => {
    if (runs === paced || immediate) return;
    const show = () => {
      pacedAt.current = Date.now();
      startTransition(() => setPaced(runs));
    };
    const wait = intervalMs - (Date.now() - pacedAt.current);
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [runs, paced, intervalMs, immediate]);
  if (immediate && runs !== paced) {
    // Drawn in this render; the state catches up so the next curve-only change is paced from here.
    pacedAt.current = Date.now();
    setPaced(runs);
  }
  return immediate ? runs : paced;
}
