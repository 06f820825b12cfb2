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

/** Everything but the growing curves (and the diagnostics that grow with them): which runs, their names,
 *  settings, visibility and state. A change here (an import, a deletion, a hidden run, a run that ends) is rare and
 *  is drawn even out of view; only the stream of training points waits until the chart is back in view. */
const STRUCTURE_FIELDS = ['id', 'hidden', 'config', 'label', 'importedFrom', 'elsewhere', 'state', 'iterationsPerEpoch', 'totalIterations', 'lrDropIterations'] as const satisfies readonly (keyof Run)[];

export function sameStructure(a: Run, b: Run): boolean {
  return STRUCTURE_FIELDS.every((field) => a[field] === b[field]);
}

export interface ChartRunsSelector {
  /** `frozen` (the chart is out of view): keep answering what was answered last while only the runs' curves grew. */
  (state: Pick<AppState, 'runs'>, frozen?: boolean): readonly Run[];
}

/** A selector for useAppState that keeps its answer's identity while nothing the chart draws has changed (safe for
 *  useSyncExternalStore, which compares snapshots by identity). One per component instance. */
export function chartRunsSelector(): ChartRunsSelector {
  let lastRuns: readonly Run[] | null = null;
  let last: readonly Run[] = [];
  return (state, frozen = false) => {
    if (state.runs === lastRuns) return last;
    const next = state.runs;
    const sameLength = next.length === last.length;
    if (frozen && lastRuns !== null && sameLength && next.every((run, i) => sameStructure(run, last[i]))) return last;
    lastRuns = state.runs;
    if (!sameLength || next.some((run, i) => !sameForChart(run, last[i]))) last = next;
    return last;
  };
}
