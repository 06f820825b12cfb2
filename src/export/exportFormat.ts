// The shape of a JSON export, shared by the writer and the reader so the two cannot drift apart.
import type { TrainConfig } from '../config';
import type { XAxisUnit } from '../components/chartData';
import type { DiagnosticsLayout, EvaluationSample, Predictions, TrainingSample } from '../diagnostics/diagnostics';
import type { BackendName } from '../protocol';
import type { RunElsewhere, RunStatus, TestPoint, TrainPoint } from '../state/appState';

export const EXPORT_FORMAT = 'residual-playground-runs';
/** Raise when a change would make older readers misread a file; additions that older readers can ignore do not
 *  (runs' `diagnostics` were such an addition: version 1 files with and without them are both read). */
export const EXPORT_VERSION = 1;

export interface ExportedChart {
  unit: XAxisUnit;
  /** Debiased EMA weight of the smoothed training curves (0 = none; then no trainErrorSmoothed). */
  smoothing: number;
  logScale: boolean;
  /** Id of the PyTorch reference overlay shown, or null. Its curves are bundled with the app, not exported. */
  reference: string | null;
}

export interface ExportedRun {
  id: string;
  /** The run's displayed name (runDisplayName.ts): the label or the network's name, followed by the framework
   *  for a run trained outside a browser ("ResNet-56 (option A) · PyTorch"). */
  name: string;
  /** The user's label, or null when the run goes by the network's name. */
  label: string | null;
  network: string;
  config: TrainConfig;
  seed: number;
  /** The browser backend it trained on; null for a run trained outside a browser (see `elsewhere`). */
  backend: BackendName | null;
  /** The adapter or renderer the run trained on. */
  device: string | null;
  /** Where it trained when that was not a browser: the PyTorch script the app exports writes it (framework,
   *  device, processes, precision, wallSeconds, script; see RunElsewhere), with `backend` and `device` null. Null
   *  for a browser run; absent in files written before it existed (read as null). A file's damaged record is left
   *  out on import, and the run imports without it. */
  elsewhere?: RunElsewhere | null;
  state: RunStatus;
  message: string | null;
  experimentId: string | null;
  /** The file this run was itself imported from, if it was (provenance; re-importing records the new file). */
  importedFrom: string | null;
  /** ms since 1970. */
  createdAt: number;
  trainableParameters: number | null;
  iterationsPerEpoch: number | null;
  totalIterations: number | null;
  lrDropIterations: number[] | null;
  train: (TrainPoint & { trainErrorSmoothed?: number })[];
  test: TestPoint[];
  /** Everything the run measured inside the network, complete (never downsampled); null when it has none.
   *  Absent in files written before diagnostics existed. */
  diagnostics?: ExportedDiagnostics | null;
}

/** A run's diagnostics (diagnostics.ts) as JSON: the same fields, the predictions' byte arrays as number lists. */
export interface ExportedDiagnostics {
  layout: DiagnosticsLayout;
  training: TrainingSample[];
  evaluations: EvaluationSample[];
  predictions: ExportedPredictions | null;
}

export type ExportedPredictions = Omit<Predictions, 'top3Classes' | 'top3Percent' | 'labels'> & {
  top3Classes: number[];
  top3Percent: number[];
  labels: number[];
};

export interface RunsExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  chart: ExportedChart;
  runs: ExportedRun[];
}
