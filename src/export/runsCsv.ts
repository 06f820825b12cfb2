// The chart's points as one long table (one row per plotted point), for spreadsheets, pandas or R. The runs'
// diagnostics have tables of their own (diagnosticsCsv.ts): other columns, far more rows.
import { modelName, type TrainConfig } from '../config';
import type { ChartView } from '../components/ChartControls';
import { referenceRunName, type ReferenceRun, type ReferenceSet } from '../reference/referenceCurves';
import type { Run } from '../state/appState';
import { displayedRunName } from '../state/runDisplayName';
import { csvRow, type CsvValue } from './csv';
import { smoothedTrainErrors } from './plotted';

export const CSV_COLUMNS = [
  'source',
  'run_id',
  'run_name',
  'network',
  'depth',
  'block_type',
  'shortcut',
  'block',
  'width',
  'schedule',
  'epochs',
  'batch_size',
  'learning_rate',
  'seed',
  'backend',
  'device',
  'curve',
  'iteration',
  'epoch',
  'error_percent',
  'loss',
  'learning_rate_at_point',
  'smoothing',
  // Last, so the columns before it keep the places they had before it existed.
  'trained_with',
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Row = Partial<Record<Column, CsvValue>>;

export const REFERENCE_SOURCE = 'PyTorch reference (outside this app)';

/** What the chart's solid curve measured: the test set, or the held-out training images of §4.2's 45k/5k split. */
function evaluationCurve(config: TrainConfig): 'test' | 'validation' {
  return config.validationSplit ? 'validation' : 'test';
}

const BACKEND_NAMES = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' } as const;

/** Where the run trained, in words: "PyTorch 2.4.1, 8x NVIDIA H200 via torchrun" for a run trained outside a
 *  browser, "browser, WebGPU (google swiftshader)" for one trained in a browser (here or, imported, elsewhere). */
function trainedWith(run: Run): string {
  if (run.elsewhere) return `${run.elsewhere.framework}, ${run.elsewhere.device}`;
  if (!run.backend) return 'browser';
  const detail = run.backend.detail.trim();
  return `browser, ${BACKEND_NAMES[run.backend.name]}${detail ? ` (${detail})` : ''}`;
}

/** The 'paper' schedule runs a fixed number of iterations and ignores config.epochs: its length in epochs is
 *  what the run computed (unknown until it started). */
function epochsOf(run: Run): number | null {
  if (run.config.schedule !== 'paper') return run.config.epochs;
  const { totalIterations, iterationsPerEpoch } = run;
  return totalIterations && iterationsPerEpoch ? Math.round((totalIterations / iterationsPerEpoch) * 100) / 100 : null;
}

function runRows(run: Run, smoothing: number): Row[] {
  const { model } = run.config;
  const common: Row = {
    source: run.importedFrom === undefined ? 'this browser' : `imported: ${run.importedFrom}`,
    run_id: run.id,
    run_name: displayedRunName(run),
    network: modelName(model),
    depth: model.depth,
    block_type: model.blockType,
    shortcut: model.shortcut,
    block: model.block,
    width: model.width,
    schedule: run.config.schedule,
    epochs: epochsOf(run),
    batch_size: run.config.batchSize,
    learning_rate: run.config.learningRate,
    seed: run.config.seed,
    backend: run.backend?.name,
    device: run.backend?.detail,
    trained_with: trainedWith(run),
  };
  const smoothed = smoothedTrainErrors(run, smoothing);
  const train = run.train.map((p): Row => ({
    ...common,
    curve: 'train',
    iteration: p.iteration,
    epoch: p.epoch,
    error_percent: p.trainError,
    loss: p.trainLoss,
    learning_rate_at_point: p.learningRate,
    smoothing: 0,
  }));
  const trainSmoothed = (smoothed ?? []).map((error, i): Row => ({
    ...train[i],
    curve: 'train_smoothed',
    error_percent: error,
    // A moving average of errors is not a loss of any step.
    loss: null,
    smoothing,
  }));
  const curve = evaluationCurve(run.config);
  const test = run.test.map((p): Row => ({
    ...common,
    curve,
    iteration: p.iteration,
    epoch: p.epoch,
    error_percent: p.testError,
    loss: p.testLoss,
    smoothing: 0,
  }));
  return [...train, ...trainSmoothed, ...test];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The reference's recipe and device are free-form records: only fields of the expected type are used. */
function referenceRows(set: ReferenceSet, run: ReferenceRun): Row[] {
  const { gpu, torch, cuda } = { gpu: text(set.device.gpu), torch: text(set.device.torch), cuda: text(set.device.cuda) };
  const device = [gpu, torch && `PyTorch ${torch}`, cuda && `CUDA ${cuda}`].filter(Boolean).join(', ');
  const common: Row = {
    source: REFERENCE_SOURCE,
    run_id: `reference:${set.id}:${run.name}`,
    // As the chart's legend names it.
    run_name: `${referenceRunName(run)} (PyTorch ref.)`,
    network: referenceRunName(run),
    depth: run.depth,
    block_type: run.blockType,
    // The reference README: basic blocks, 16/32/64 filters, option A shortcuts (plain nets have none).
    shortcut: run.blockType === 'residual' ? 'A' : null,
    block: 'basic',
    width: 16,
    // Epochs with the lr divided by 10 at 50% and 75%: this app's 'quick' schedule.
    schedule: 'quick',
    epochs: run.totalIterations / run.iterationsPerEpoch,
    batch_size: num(set.recipe.batch),
    learning_rate: num(set.recipe.lr0),
    seed: num(set.recipe.seed),
    backend: 'pytorch',
    device,
    trained_with: [torch && `PyTorch ${torch}`, gpu].filter(Boolean).join(', '),
  };
  // The chart draws the fine training curve (every 50 iterations) and the per-epoch test error; the
  // per-epoch training averages are in the reference file but not on the chart, so not here either.
  const train = run.fine.map((p): Row => ({
    ...common,
    curve: 'train',
    iteration: p.iteration,
    epoch: p.iteration / run.iterationsPerEpoch,
    error_percent: p.trainError,
    smoothing: 0,
  }));
  const test = run.epochs.map((p): Row => ({
    ...common,
    curve: 'test',
    iteration: p.iteration,
    epoch: p.epoch,
    error_percent: p.testError,
    smoothing: 0,
  }));
  return [...train, ...test];
}

/** Every point the chart plots for these runs (the caller passes the visible ones), at full resolution,
 *  plus the reference overlay's curves when one is shown. */
export function runsToCsv(runs: readonly Run[], view: ChartView, reference?: ReferenceSet): string {
  const rows = [
    ...runs.flatMap((run) => runRows(run, view.smoothing)),
    ...(reference ? reference.runs.flatMap((run) => referenceRows(reference, run)) : []),
  ];
  return csvRow(CSV_COLUMNS) + rows.map((row) => csvRow(CSV_COLUMNS.map((column) => row[column]))).join('');
}
