// Which runs the diagnostics section shows, and in what order: the runs drawn on the error chart (with points,
// not hidden: chartData.visibleRuns, the chart's own choice) that carry diagnostics, named as the chart's legend
// names them, sorted so that plain and residual nets of the same depth sit next to each other.
//
// The store replaces a run object on every trainTick (~10x a second while training); the section must not
// redraw its canvases then. `shownDiagnosticsSelector()` returns the SAME array until something the section draws
// changes (a run's diagnostics object, its name, style or finished state), so useAppState re-renders nothing
// between diagnostics samples.
import type { ModelConfig } from '../../config';
import type { RunDiagnostics } from '../../diagnostics/diagnostics';
import type { AppState, Run } from '../../state/appState';
import { visibleRuns } from '../chartData';
import { runStyles, type RunStyle } from '../runStyle';

export interface ShownRun {
  runId: string;
  /** The legend's name ("plain-20", "ResNet-56 (imported)", "ResNet-56 · PyTorch", "plain-20 #2"). */
  name: string;
  model: ModelConfig;
  style: RunStyle;
  diagnostics: RunDiagnostics;
  /** Trained to its last iteration: its newest sample is "the end". */
  finished: boolean;
}

/** A run has something to show: a training sample or an evaluation. */
export function hasDiagnosticsData(diagnostics: RunDiagnostics | undefined): diagnostics is RunDiagnostics {
  return diagnostics !== undefined && (diagnostics.training.length > 0 || diagnostics.evaluations.length > 0);
}

/** Depth ascending, then plain before residual (option A before B, basic before bottleneck), then oldest first. */
function compareRuns(a: ShownRun, b: ShownRun, order: Map<string, number>): number {
  const rank = (m: ModelConfig) => (m.blockType === 'plain' ? 0 : m.shortcut === 'A' ? 1 : 2) + (m.block === 'bottleneck' ? 3 : 0);
  return a.model.depth - b.model.depth || rank(a.model) - rank(b.model) || (order.get(a.runId) ?? 0) - (order.get(b.runId) ?? 0);
}

/** The shown runs with diagnostics data, in display order. */
export function shownDiagnosticsRuns(runs: readonly Run[]): ShownRun[] {
  // Names from all runs (hidden ones too), exactly as the legend numbers them.
  const styles = new Map(runStyles(runs).map((style) => [style.runId, style]));
  const order = new Map(runs.map((run, i) => [run.id, i]));
  const shown: ShownRun[] = [];
  for (const run of visibleRuns(runs)) {
    const style = styles.get(run.id);
    if (!style || !hasDiagnosticsData(run.diagnostics)) continue;
    shown.push({ runId: run.id, name: style.name, model: run.config.model, style, diagnostics: run.diagnostics, finished: run.state === 'finished' });
  }
  return shown.sort((a, b) => compareRuns(a, b, order));
}

function sameEntry(a: ShownRun, b: ShownRun): boolean {
  return (
    a.runId === b.runId &&
    a.name === b.name &&
    a.diagnostics === b.diagnostics &&
    a.finished === b.finished &&
    a.style.colour === b.style.colour &&
    a.style.trainDash === b.style.trainDash &&
    a.style.marker === b.style.marker &&
    a.model.depth === b.model.depth &&
    a.model.blockType === b.model.blockType &&
    a.model.shortcut === b.model.shortcut &&
    a.model.block === b.model.block &&
    a.model.width === b.model.width
  );
}

/** A selector for useAppState that keeps its answer's identity while the shown diagnostics are unchanged (so it
 *  is safe for useSyncExternalStore, which compares snapshots by identity). One per component instance. */
export function shownDiagnosticsSelector(): (state: Pick<AppState, 'runs'>) => ShownRun[] {
  let lastRuns: readonly Run[] | null = null;
  let last: ShownRun[] = [];
  return (state) => {
    if (state.runs === lastRuns) return last;
    lastRuns = state.runs;
    const next = shownDiagnosticsRuns(state.runs);
    if (next.length !== last.length || next.some((entry, i) => !sameEntry(entry, last[i]))) last = next;
    return last;
  };
}
