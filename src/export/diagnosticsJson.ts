// A run's diagnostics in a JSON export (runsJson.ts), and read back from one. Written complete: every training
// sample, every evaluation's confusion matrix, the predictions' bytes as lists of numbers (prettyJson keeps each
// list on one line). Read back with the format's fields only, then checked by the same rules as the records the
// run history gives back (runDiagnosticsSchema.ts): what imports is what survives a reload.
import type { TrainConfig } from '../config';
import type { GradientLayer, Predictions, ResponseLayer, RunDiagnostics } from '../diagnostics/diagnostics';
import { MAX_POINTS_PER_RUN } from '../state/runCurves';
import { MAX_EVALUATED_IMAGES, MAX_GRADIENT_LAYERS, MAX_RESPONSE_LAYERS, runDiagnosticsProblem } from '../state/runDiagnosticsSchema';
import type { ExportedDiagnostics } from './exportFormat';
import { field, isRecord, type JsonRecord } from './jsonValues';

/** The run's diagnostics as the file holds them, or null when it has none. */
export function exportDiagnostics(diagnostics: RunDiagnostics | undefined): ExportedDiagnostics | null {
  if (!diagnostics) return null;
  const { layout, training, evaluations, predictions } = diagnostics;
  // Copied field by field, as the points are: the file's fields are the format's.
  return {
    layout: {
      gradientLayers: layout.gradientLayers.map(({ name, kind, stage }) => ({ name, kind, stage })),
      responseLayers: layout.responseLayers.map(({ name, stage, kernelSize }) => ({ name, stage, kernelSize })),
    },
    training: training.map(({ iteration, gradientNorms, responseStds }) => ({ iteration, gradientNorms, responseStds })),
    evaluations: evaluations.map(({ iteration, confusion }) => ({ iteration, confusion })),
    predictions: predictions
      ? {
          iteration: predictions.iteration,
          evaluatedOn: predictions.evaluatedOn,
          top3Classes: Array.from(predictions.top3Classes),
          top3Percent: Array.from(predictions.top3Percent),
          labels: Array.from(predictions.labels),
        }
      : null,
  };
}

/** Why a file's diagnostics cannot be read; the run imports without them. */
class DiagnosticsProblem extends Error {}

/** `value`'s elements passed through `read`, when it is a list of at most `most` (a longer one, or not a list,
 *  is left as it is for the schema to name). */
function listOf(value: unknown, most: number, read: (item: JsonRecord) => object): unknown {
  return Array.isArray(value) && value.length <= most ? value.map((item: unknown) => (isRecord(item) ? read(item) : item)) : value;
}

/** The format's fields of `record`, nothing else a file may carry (a "__proto__" key stays behind). */
function pick(record: JsonRecord, keys: readonly string[]): JsonRecord {
  return Object.fromEntries(keys.map((key) => [key, field(record, key)]));
}

const isByte = (value: unknown) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 255;

/** A list of bytes as the Uint8Array the app keeps (a value of 256 must not wrap around to 0). */
function bytes(value: unknown, name: string): Uint8Array {
  if (!Array.isArray(value) || value.length > 3 * MAX_EVALUATED_IMAGES || !value.every(isByte)) {
    throw new DiagnosticsProblem(`their predictions' ${name} are not a list of whole numbers from 0 to 255`);
  }
  return Uint8Array.from(value as number[]);
}

function predictionsOf(value: unknown): unknown {
  if (value === undefined || value === null || !isRecord(value)) return value ?? undefined;
  return {
    iteration: field(value, 'iteration'),
    evaluatedOn: field(value, 'evaluatedOn'),
    top3Classes: bytes(field(value, 'top3Classes'), 'top3Classes'),
    top3Percent: bytes(field(value, 'top3Percent'), 'top3Percent'),
    labels: bytes(field(value, 'labels'), 'labels'),
  } satisfies Record<keyof Predictions, unknown>;
}

function read(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const layout = field(raw, 'layout');
  const predictions = predictionsOf(field(raw, 'predictions'));
  return {
    layout: isRecord(layout)
      ? {
          gradientLayers: listOf(field(layout, 'gradientLayers'), MAX_GRADIENT_LAYERS, (row) => pick(row, ['name', 'kind', 'stage'] satisfies (keyof GradientLayer)[])),
          responseLayers: listOf(field(layout, 'responseLayers'), MAX_RESPONSE_LAYERS, (row) => pick(row, ['name', 'stage', 'kernelSize'] satisfies (keyof ResponseLayer)[])),
        }
      : layout,
    training: listOf(field(raw, 'training'), MAX_POINTS_PER_RUN, (sample) => pick(sample, ['iteration', 'gradientNorms', 'responseStds'])),
    evaluations: listOf(field(raw, 'evaluations'), MAX_POINTS_PER_RUN, (evaluation) => pick(evaluation, ['iteration', 'confusion'])),
    ...(predictions === undefined ? {} : { predictions }),
  };
}

/**
 * A file's diagnostics for a run with these settings: `diagnostics` when they are sound, none when the file has
 * none (an export from before diagnostics, or a run without them), and `problem` (completing "its diagnostics
 * were damaged and left out (…)") when they cannot be kept.
 */
export function importDiagnostics(raw: unknown, config: TrainConfig): { diagnostics?: RunDiagnostics; problem?: string } {
  if (raw === undefined || raw === null) return {};
  try {
    const diagnostics = read(raw);
    const problem = runDiagnosticsProblem(diagnostics, config);
    return problem ? { problem } : { diagnostics: diagnostics as RunDiagnostics };
  } catch (error) {
    if (!(error instanceof DiagnosticsProblem)) throw error;
    return { problem: error.message };
  }
}
