// The runs' diagnostics as tables for pandas, R or a spreadsheet: three long ("tidy") CSV files beside the
// chart's CSV (runsCsv.ts), one per kind of observation, each joined to the others and to the chart's CSV by
// run_id (and iteration):
//   - diagnosticsToCsv: one row per run, training sample and layer: the gradient norm of each gradient layer
//     (series gradient_norm) and the response std of each Fig. 7 layer (series response_std);
//   - confusionToCsv:   one row per run, evaluation and (true class, predicted class) cell;
//   - predictionsToCsv: one row per evaluated image of each run's newest evaluation, with its top-3 classes.
// Every sample, at full precision (never downsampled), like the JSON export. Runs without diagnostics have no rows.
import { CLASS_COUNT, CLASS_NAMES } from '../diagnostics/diagnostics';
import type { Run } from '../state/appState';
import { displayedRunName } from '../state/runDisplayName';
import { csvField, csvRow, type CsvValue } from './csv';

/** series: gradient_norm or response_std; layer_index counts from 0 in the series' own layer order (forward
 *  order); kind (conv, bn, fc) is given for gradient layers, kernel_size (3, or 1 in a bottleneck) for response
 *  layers. stage: 0 = stem, 1..3 = the stages of §4.2, 4 = the classifier. */
export const DIAGNOSTICS_CSV_COLUMNS = ['run_id', 'run_name', 'iteration', 'epoch', 'series', 'layer_index', 'layer', 'stage', 'kind', 'kernel_size', 'value'] as const;

/** count: images of true_class that the network predicted as predicted_class (classes 0..9, labels their names). */
export const CONFUSION_CSV_COLUMNS = ['run_id', 'run_name', 'iteration', 'epoch', 'evaluated_on', 'true_class', 'true_label', 'predicted_class', 'predicted_label', 'count'] as const;

/** image_index: the image's index in the evaluated split (the test set, or the 5,000 held-out training images). */
export const PREDICTIONS_CSV_COLUMNS = [
  'run_id',
  'run_name',
  'iteration',
  'evaluated_on',
  'image_index',
  'true_class',
  'true_label',
  ...[1, 2, 3].flatMap((rank) => [`top${rank}_class`, `top${rank}_label`, `top${rank}_percent`] as const),
] as const;

/** The run's fields that start each of its rows, written once. */
function runFields(run: Run): string {
  return `${csvField(run.id)},${csvField(displayedRunName(run))}`;
}

/** The epoch at an iteration: the curve's point at that iteration (a training sample shares its chart point's,
 *  an evaluation its test point's), else from the run's epoch length; null when neither is known. */
function epochAt(run: Run, points: readonly { iteration: number; epoch: number }[]): (iteration: number) => number | null {
  const byIteration = new Map(points.map((point) => [point.iteration, point.epoch]));
  const perEpoch = run.iterationsPerEpoch;
  return (iteration) => byIteration.get(iteration) ?? (perEpoch ? iteration / perEpoch : null);
}

function fields(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** A measured value: finite (runDiagnosticsSchema.ts), so written as csvField would, without its checks. */
function value(number: number): string {
  return Number.isFinite(number) ? String(number) : csvField(number);
}

/** Gradient norms and layer responses of every training sample: one row per run, sample and layer. Built as
 *  text directly (a ResNet-56 run of 64k iterations has over half a million rows). */
export function diagnosticsToCsv(runs: readonly Run[]): string {
  const lines: string[] = [csvRow(DIAGNOSTICS_CSV_COLUMNS)];
  for (const run of runs) {
    const diagnostics = run.diagnostics;
    if (!diagnostics) continue;
    const start = runFields(run);
    const epoch = epochAt(run, run.train);
    // Each layer's columns are the same in every sample: written once.
    const gradientLayers = diagnostics.layout.gradientLayers.map((layer, i) => `gradient_norm,${fields([i, layer.name, layer.stage, layer.kind, null])}`);
    const responseLayers = diagnostics.layout.responseLayers.map((layer, i) => `response_std,${fields([i, layer.name, layer.stage, null, layer.kernelSize])}`);
    for (const sample of diagnostics.training) {
      const at = `${start},${fields([sample.iteration, epoch(sample.iteration)])}`;
      for (let i = 0; i < sample.gradientNorms.length; i++) lines.push(`${at},${gradientLayers[i]},${value(sample.gradientNorms[i])}\r\n`);
      for (let i = 0; i < sample.responseStds.length; i++) lines.push(`${at},${responseLayers[i]},${value(sample.responseStds[i])}\r\n`);
    }
  }
  return lines.join('');
}

/** Where a run's evaluations were measured: the test set, or §4.2's 5,000 held-out training images. */
function evaluatedOn(run: Run): 'test' | 'validation' {
  return run.config.validationSplit ? 'validation' : 'test';
}

/** Every evaluation's confusion matrix: one row per run, evaluation and (true, predicted) cell, zeros included. */
export function confusionToCsv(runs: readonly Run[]): string {
  const lines: string[] = [csvRow(CONFUSION_CSV_COLUMNS)];
  for (const run of runs) {
    if (!run.diagnostics) continue;
    const start = runFields(run);
    const epoch = epochAt(run, run.test);
    for (const { iteration, confusion } of run.diagnostics.evaluations) {
      const at = `${start},${fields([iteration, epoch(iteration), evaluatedOn(run)])}`;
      for (let t = 0; t < CLASS_COUNT; t++) {
        for (let p = 0; p < CLASS_COUNT; p++) {
          lines.push(`${at},${fields([t, CLASS_NAMES[t], p, CLASS_NAMES[p], confusion[t * CLASS_COUNT + p]])}\r\n`);
        }
      }
    }
  }
  return lines.join('');
}

/** Each run's newest predictions: one row per evaluated image, its true class and its three likeliest. */
export function predictionsToCsv(runs: readonly Run[]): string {
  const lines: string[] = [csvRow(PREDICTIONS_CSV_COLUMNS)];
  for (const run of runs) {
    const predictions = run.diagnostics?.predictions;
    if (!predictions) continue;
    const at = `${runFields(run)},${fields([predictions.iteration, predictions.evaluatedOn])}`;
    const { labels, top3Classes, top3Percent } = predictions;
    for (let i = 0; i < labels.length; i++) {
      const top3 = [0, 1, 2].flatMap((rank) => {
        const predicted = top3Classes[3 * i + rank];
        return [predicted, CLASS_NAMES[predicted], top3Percent[3 * i + rank]];
      });
      lines.push(`${at},${fields([i, labels[i], CLASS_NAMES[labels[i]], ...top3])}\r\n`);
    }
  }
  return lines.join('');
}

/** Whether any of the runs has diagnostics (the diagnostics downloads have rows). */
export function anyDiagnostics(runs: readonly Run[]): boolean {
  return runs.some((run) => run.diagnostics !== undefined);
}
