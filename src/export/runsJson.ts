// The runs on the chart as a JSON file, and such a file read back. A file may come from anyone, so reading
// it checks everything and caps every size before it costs memory or time.
import { MAX_LR_DROPS, MAX_MESSAGE, MAX_NAME } from '../state/runFieldBounds';
import { modelName } from '../config';
import type { ChartView } from '../components/ChartControls';
import type { BackendName } from '../protocol';
import type { ReferenceSet } from '../reference/referenceCurves';
import type { Run, RunBackend, RunElsewhere, RunStatus, TestPoint, TrainPoint } from '../state/appState';
import { curvesProblem, maxIterations } from '../state/runCurves';
import { runProblem } from '../state/runSchema';
import { newRunId } from '../state/runIds';
import { displayedRunName } from '../state/runDisplayName';
import { exportDiagnostics, importDiagnostics } from './diagnosticsJson';
import { exportElsewhere, importElsewhere } from './elsewhereJson';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportedRun, type RunsExport } from './exportFormat';
import { importConfig } from './importConfig';
import { QUARANTINE_FORMAT, quarantinedRuns } from './quarantineFile';
import { field, isNonNegativeInteger, isRecord, optionalText, type JsonRecord } from './jsonValues';
import { smoothedTrainErrors } from './plotted';
import { prettyJson } from './prettyJson';

/** Far above a real export, checked before reading the file: tens of thousands of points per run are a few MB,
 *  but diagnostics add every layer's values at each point: ResNet-56 over the paper's 64k iterations is about
 *  11 MB, ResNet-110 20 MB, and Fig. 6's nine networks together about 85 MB. JSON.parse reads 200 MB in seconds. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
export const MAX_IMPORT_RUNS = 500;
export const MAX_IMPORT_POINTS = 2_000_000;

function exportRun(run: Run, smoothing: number): ExportedRun {
  const smoothed = smoothedTrainErrors(run, smoothing);
  return {
    id: run.id,
    name: displayedRunName(run),
    label: run.label ?? null,
    network: modelName(run.config.model),
    config: run.config,
    seed: run.config.seed,
    backend: run.backend?.name ?? null,
    device: run.backend?.detail ?? null,
    // Where a run trained outside a browser (PyTorch), so a file exported again keeps it.
    elsewhere: exportElsewhere(run.elsewhere),
    state: run.state,
    message: run.message ?? null,
    experimentId: run.experimentId ?? null,
    importedFrom: run.importedFrom ?? null,
    createdAt: run.createdAt,
    trainableParameters: run.trainableParameters ?? null,
    iterationsPerEpoch: run.iterationsPerEpoch ?? null,
    totalIterations: run.totalIterations ?? null,
    lrDropIterations: run.lrDropIterations ?? null,
    // Copied field by field: the file's fields are the format's, not whatever else a point object carries.
    train: run.train.map(({ iteration, epoch, trainError, trainLoss, learningRate }, i) => ({
      iteration,
      epoch,
      trainError,
      trainLoss,
      learningRate,
      ...(smoothed ? { trainErrorSmoothed: smoothed[i] } : {}),
    })),
    test: run.test.map(({ iteration, epoch, testError, testLoss }) => ({ iteration, epoch, testError, testLoss })),
    // Complete, never downsampled: the file is the run's record outside this browser.
    diagnostics: exportDiagnostics(run.diagnostics),
  };
}

/** The runs given (the caller passes the ones on the chart), every point, and the chart's settings. */
export function runsToJson(runs: readonly Run[], view: ChartView, reference?: ReferenceSet, now: Date = new Date()): string {
  const document: RunsExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    chart: { unit: view.unit, smoothing: view.smoothing, logScale: view.logScale, reference: reference?.id ?? null },
    runs: runs.map((run) => exportRun(run, view.smoothing)),
  };
  return `${prettyJson(document)}\n`;
}

// ---- Reading ----

/** Why one run of a file was skipped; the rest of the file still imports. */
class RunProblem extends Error {}

const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];
const KEPT_STATES: readonly RunStatus[] = ['finished', 'stopped', 'failed'];
const ACTIVE_STATES: readonly RunStatus[] = ['running', 'paused', 'starting', 'queued'];

const TRAIN_FIELDS = ['iteration', 'epoch', 'trainError', 'trainLoss', 'learningRate'] as const;
const TEST_FIELDS = ['iteration', 'epoch', 'testError', 'testLoss'] as const;

/** Points in iteration order (the chart and the verdict assume it); a stable sort keeps equal iterations' order. */
function byIteration<T extends { iteration: number }>(points: T[]): T[] {
  const sorted = points.every((p, i) => i === 0 || points[i - 1].iteration <= p.iteration);
  return sorted ? points : [...points].sort((a, b) => a.iteration - b.iteration);
}

/** The format's fields of each point, nothing else a file may carry. Their values are checked afterwards, with
 *  the run's settings, by curvesProblem(): the same check the run history makes when the page loads. */
function points<T>(value: unknown, name: string, fields: readonly string[]): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RunProblem(`its ${name} points are not a list`);
  return value.map((raw: unknown) => (isRecord(raw) ? Object.fromEntries(fields.map((key) => [key, field(raw, key)])) : raw)) as T[];
}

function optionalCount(value: unknown): number | undefined {
  return isNonNegativeInteger(value) ? value : undefined;
}

function backendOf(record: JsonRecord, problems: string[], title: string): RunBackend | undefined {
  const name = field(record, 'backend');
  if (name === null || name === undefined) return undefined;
  if (!BACKENDS.includes(name as BackendName)) {
    problems.push(`${title}: the backend it names is unknown, so it is left out.`);
    return undefined;
  }
  return { name: name as BackendName, detail: optionalText(field(record, 'device'), MAX_NAME) ?? '' };
}

/** The run's label: the file's `label`; a file without that field gets one from `name` when it is not simply the
 *  network's (with the framework, for a run trained outside a browser: "ResNet-56 (option A) · PyTorch"). */
function labelOf(record: JsonRecord, config: Run['config'], elsewhere: RunElsewhere | undefined): string | undefined {
  if (Object.hasOwn(record, 'label')) return optionalText(field(record, 'label'), MAX_NAME);
  const name = optionalText(field(record, 'name'), MAX_NAME);
  return name !== undefined && name !== modelName(config.model) && name !== displayedRunName({ config, elsewhere }) ? name : undefined;
}

function stateOf(record: JsonRecord): { state: RunStatus; message?: string } {
  const state = field(record, 'state');
  const message = optionalText(field(record, 'message'), MAX_MESSAGE);
  if (KEPT_STATES.includes(state as RunStatus)) return { state: state as RunStatus, message };
  // Nothing trains an imported run: one exported mid-training is a run that stopped there.
  const was = ACTIVE_STATES.includes(state as RunStatus) ? `was ${state as string} when it was exported` : 'had no known state';
  return { state: 'stopped', message: `Imported: the run ${was}, so its curves end early.` };
}

function importRun(raw: unknown, index: number, fileName: string, problems: string[]): Run | null {
  // The name as one line: it goes into a message.
  const given = isRecord(raw) ? optionalText(field(raw, 'name'), MAX_NAME)?.replace(/\s+/g, ' ').trim() : undefined;
  const title = `Run ${index + 1}${given ? ` “${given}”` : ''}`;
  try {
    if (!isRecord(raw)) throw new RunProblem('it is not a run');
    const settings = importConfig(field(raw, 'config'));
    if ('error' in settings) throw new RunProblem(settings.error);
    const { config } = settings;
    // The same bounds the run history applies to what it reads back: what imports is what survives a reload.
    // Checked in the file's order, so "training point 3" is the file's third.
    const train = points<TrainPoint>(field(raw, 'train'), 'training', TRAIN_FIELDS);
    const test = points<TestPoint>(field(raw, 'test'), 'test', TEST_FIELDS);
    const curves = curvesProblem(config, train, test);
    if (curves) throw new RunProblem(curves);
    // Older exports lack settings added since: the run imports with the defaults, and the user is told which.
    if (settings.defaulted.length > 0) problems.push(`${title}: the file does not give ${settings.defaulted.join(', ')}; those defaults are used.`);
    // Damaged diagnostics cost only themselves: the run's curves still import (as the run history keeps them).
    const diagnostics = importDiagnostics(field(raw, 'diagnostics'), config);
    if (diagnostics.problem) problems.push(`${title}: its diagnostics were damaged and left out (${diagnostics.problem}).`);
    // So is a damaged record of where it trained outside this browser: the run then imports as a plain import.
    const elsewhere = importElsewhere(field(raw, 'elsewhere'));
    if (elsewhere.problem) problems.push(`${title}: the record of where it trained was damaged and left out (${elsewhere.problem}).`);
    const createdAt = field(raw, 'createdAt');
    const drops = field(raw, 'lrDropIterations');
    const run: Run = {
      id: newRunId(),
      config,
      ...stateOf(raw),
      label: labelOf(raw, config, elsewhere.elsewhere),
      experimentId: optionalText(field(raw, 'experimentId'), MAX_NAME),
      importedFrom: fileName.slice(0, MAX_NAME),
      // Kept when it is a real date, so the history lists the run when it was made; else when it arrived.
      createdAt: isNonNegativeInteger(createdAt) && createdAt <= 8.64e15 ? createdAt : Date.now(),
      backend: backendOf(raw, problems, title),
      elsewhere: elsewhere.elsewhere,
      trainableParameters: optionalCount(field(raw, 'trainableParameters')),
      iterationsPerEpoch: optionalCount(field(raw, 'iterationsPerEpoch')),
      totalIterations: optionalCount(field(raw, 'totalIterations')),
      // Drawn as lines on the chart: only where the run can have them (a drop at 1e12 would stretch its axis).
      lrDropIterations:
        Array.isArray(drops) && drops.length <= MAX_LR_DROPS && drops.every((d) => isNonNegativeInteger(d) && d <= (maxIterations(config) ?? 0))
          ? [...drops]
          : undefined,
      train: byIteration(train),
      test: byIteration(test),
      diagnostics: diagnostics.diagnostics,
    };
    // Fields left undefined are dropped, so an imported run looks like one made here.
    const imported = Object.fromEntries(Object.entries(run).filter(([, value]) => value !== undefined)) as unknown as Run;
    // The one check every run passes to enter the app, the run history's too: what imports survives a reload.
    const problem = runProblem(imported);
    if (problem) throw new RunProblem(problem);
    return imported;
  } catch (error) {
    if (!(error instanceof RunProblem)) throw error;
    // Some reasons end in a sentence of their own (validateConfig's "… (the paper uses 16)."): one full stop,
    // not two (the import fuzz test found "Choose plain or residual..").
    const reason = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
    problems.push(`${title} was skipped: ${reason}`);
    return null;
  }
}

/** The runs of a run export, once its version says this page can read it. */
function exportedRuns(document: JsonRecord, file: string): unknown {
  const version = field(document, 'version');
  if (!isNonNegativeInteger(version) || version < 1) throw new Error(`${file} has no valid format version, so it cannot be read.`);
  if (version > EXPORT_VERSION) {
    throw new Error(`${file} was saved by a newer version of this app (format ${version}; this page reads up to ${EXPORT_VERSION}). Reload the page to update it, then import again.`);
  }
  return field(document, 'runs');
}

function megabytes(characters: number): string {
  return `${Math.ceil(characters / (1024 * 1024))} MB`;
}

function countPoints(runs: unknown[]): number {
  return runs.reduce<number>((sum, run) => {
    if (!isRecord(run)) return sum;
    const train = field(run, 'train');
    const test = field(run, 'test');
    return sum + (Array.isArray(train) ? train.length : 0) + (Array.isArray(test) ? test.length : 0);
  }, 0);
}

/**
 * Reads a file written by runsToJson. Throws an Error whose message tells the user why the whole file cannot
 * be used; a run that cannot be used is skipped and named in `problems`. Imported runs get fresh ids and
 * `importedFrom: fileName`, and never train: active or queued runs become stopped.
 */
export function parseRunsJson(text: string, fileName: string): { runs: Run[]; problems: string[] } {
  const file = `“${fileName}”`;
  if (text.length > MAX_IMPORT_BYTES) {
    throw new Error(`${file} is about ${megabytes(text.length)}: too large for a run export (at most ${megabytes(MAX_IMPORT_BYTES)}).`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not a JSON file, so it cannot be a run export of this app.`);
  }
  const format = isRecord(document) ? field(document, 'format') : undefined;
  if (!isRecord(document) || (format !== EXPORT_FORMAT && format !== QUARANTINE_FORMAT)) {
    throw new Error(`${file} is JSON but not a run export of this app (use a file saved with the JSON button).`);
  }
  // The runs kept aside, as the history's notice downloads them: read run by run as an export's are.
  const runs = format === QUARANTINE_FORMAT ? quarantinedRuns(document, file) : exportedRuns(document, file);
  if (!Array.isArray(runs)) throw new Error(`${file} has no list of runs.`);
  if (runs.length === 0) throw new Error(`${file} contains no runs.`);
  if (runs.length > MAX_IMPORT_RUNS) throw new Error(`${file} holds ${runs.length} runs; at most ${MAX_IMPORT_RUNS} can be imported at once.`);
  const total = countPoints(runs);
  if (total > MAX_IMPORT_POINTS) {
    throw new Error(`${file} holds ${total.toLocaleString('en-US')} points; at most ${MAX_IMPORT_POINTS.toLocaleString('en-US')} can be imported at once.`);
  }
  const problems: string[] = [];
  const imported = runs.flatMap((raw, index) => importRun(raw, index, fileName, problems) ?? []);
  return { runs: imported, problems };
}
