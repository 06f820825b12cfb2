// The runs as the chart sees them. The store replaces a run object on every progress tick (~4-10 a second while
// training) though its curves change only when a point arrives; the chart re-renders only when something it
// draws changed (issue 20, finding 2: React reconciliation and recharts' redraw on every tick made the page jank),
// and not at all while it is scrolled out of view.
import type { AppState, Run } from '../../state/appState';

/** What the chart and its export toolbar read from a run; anything else (live progress, phase) is left out. */
const CHART_FIELDS = [
  'id',
  'train',
  'test',
  'hidden',
  'config',
  'label',
  'importedFrom',
  'elsewhere',
  'state',
  'iterationsPerEpoch',
  'totalIterations',
  'lrDropIterations',
  'diagnostics',
] as const satisfies readonly (keyof Run)[];

function sameForChart(a: Run, b: Run): boolean {
  return CHART_FIELDS.every((field) => a[field] === b[field]);
}

export interface ChartRunsSelector {
  /** `frozen`: keep answering what was answered last (the chart is out of view), whatever changed. */
  (state: Pick<AppState, 'runs'>, frozen?: boolean): readonly Run[];
}

/** A selector for useAppState that keeps its answer's identity while nothing the chart draws has changed (safe for
 *  useSyncExternalStore, which compares snapshots by identity). One per component instance. */
export function chartRunsSelector(): ChartRunsSelector {
  let lastRuns: readonly Run[] | null = null;
  let last: readonly Run[] = [];
  return (state, frozen = false) => {
    if (frozen && lastRuns !== null) return last;
    if (state.runs === lastRuns) return last;
    lastRuns = state.runs;
    const next = state.runs;
    if (next.length !== last.length || next.some((run, i) => !sameForChart(run, last[i]))) last = next;
    return last;
  };
}
