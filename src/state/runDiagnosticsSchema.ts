// What a run's diagnostics (diagnostics.ts) may hold, checked the same way wherever they come from: the worker's
// events (reducer.ts keeps only samples that pass), the records IndexedDB gives back at start-up (runSchema.ts)
// and a JSON import. Damaged diagnostics cost only themselves: the run is kept without them (runSchema.ts,
// runHistory.ts and runsJson.ts say so to the user), because its curves are what hours of training made.
// The bounds are far above a real run and far below what would stall the page (every value is read once).
import type { TrainConfig } from '../config';
import { MAX_DEPTH } from '../configValidation';
import { CLASS_COUNT, type DiagnosticsLayout, type TrainingSample } from '../diagnostics/diagnostics';
import { MAX_POINTS_PER_RUN, maxIterations } from './runCurves';
import { MAX_NAME } from './runFieldBounds';

/** Gradient rows of the deepest network: a conv row and a BN row per weighted layer (MAX_DEPTH of them, the FC
 *  included) and at most a conv and a BN per stage for option B's projections; some slack on top. */
export const MAX_GRADIENT_LAYERS = 2 * MAX_DEPTH + 16;
/** Response layers (Fig. 7) of the deepest network: one batch norm per conv layer on the main path. */
export const MAX_RESPONSE_LAYERS = MAX_DEPTH;
/** Values in all of a run's training samples: ResNet-1202 over the paper's 64k iterations has about 3,300
 *  samples of 3,600 values (12 M); a record this large is already near IndexedDB's limit for one value. */
export const MAX_TRAINING_VALUES = 24_000_000;
/** Images of one evaluation: the test set has 10,000, the held-out validation images 5,000. */
export const MAX_EVALUATED_IMAGES = 50_000;
/** Entries of a confusion matrix: 10 x 10. */
export const CONFUSION_CELLS = CLASS_COUNT * CLASS_COUNT;

const GRADIENT_KINDS: readonly unknown[] = ['conv', 'bn', 'fc'];
const KERNEL_SIZES: readonly unknown[] = [1, 3];
const EVALUATED_ON: readonly unknown[] = ['test', 'validation'];
/** 0 = stem, 1..3 = the stages of §4.2, 4 = the classifier. */
const LAST_STAGE = 4;

type Shape = Record<string, unknown>;

const isObject = (value: unknown): value is Shape => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIteration = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const count = (n: number) => n.toLocaleString('en-US');

function isUint8Array(value: unknown): value is Uint8Array {
  // By its tag, not instanceof: a typed array from another realm (a test's structuredClone) is still one.
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';
}

function layerNameProblem(name: unknown, where: string): string | null {
  return typeof name === 'string' && name.length <= MAX_NAME ? null : `${where} has no name of at most ${MAX_NAME} characters`;
}

function stageProblem(stage: unknown, where: string): string | null {
  return Number.isInteger(stage) && (stage as number) >= 0 && (stage as number) <= LAST_STAGE ? null : `${where} has no stage from 0 to ${LAST_STAGE}`;
}

/** Why `layout` cannot describe a run's diagnostics, or null when it can. */
export function layoutProblem(layout: unknown): string | null {
  if (!isObject(layout)) return 'they have no layout of layers';
  const { gradientLayers, responseLayers } = layout;
  if (!Array.isArray(gradientLayers) || !Array.isArray(responseLayers)) return 'their layout has no lists of layers';
  if (gradientLayers.length > MAX_GRADIENT_LAYERS) return `their layout has ${count(gradientLayers.length)} gradient layers; a network has at most ${count(MAX_GRADIENT_LAYERS)}`;
  if (responseLayers.length > MAX_RESPONSE_LAYERS) return `their layout has ${count(responseLayers.length)} response layers; a network has at most ${count(MAX_RESPONSE_LAYERS)}`;
  for (let i = 0; i < gradientLayers.length; i++) {
    const layer: unknown = gradientLayers[i];
    const where = `gradient layer ${i + 1}`;
    if (!isObject(layer)) return `${where} is not a layer`;
    const problem = layerNameProblem(layer.name, where) ?? stageProblem(layer.stage, where);
    if (problem) return problem;
    if (!GRADIENT_KINDS.includes(layer.kind)) return `${where} is not a conv, bn or fc layer`;
  }
  for (let i = 0; i < responseLayers.length; i++) {
    const layer: unknown = responseLayers[i];
    const where = `response layer ${i + 1}`;
    if (!isObject(layer)) return `${where} is not a layer`;
    const problem = layerNameProblem(layer.name, where) ?? stageProblem(layer.stage, where);
    if (problem) return problem;
    if (!KERNEL_SIZES.includes(layer.kernelSize)) return `${where} has a kernel size other than 1 or 3`;
  }
  return null;
}

function valuesProblem(values: unknown, length: number, what: string, where: string): string | null {
  if (!Array.isArray(values) || values.length !== length) return `${where} does not have ${count(length)} ${what}s (one per layer)`;
  for (let i = 0; i < length; i++) {
    const value: unknown = values[i];
    // Norms of a diverging run may be huge, but a stored value must be a number JSON can write.
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return `${where} has a ${what} that is not a finite number from 0`;
  }
  return null;
}

/**
 * Why `sample` cannot be a training sample of a run with this layout, or null when it can. `where` names it in
 * the message ("training sample 3"); `last` is the last iteration the run can reach.
 */
export function trainingSampleProblem(sample: unknown, layout: DiagnosticsLayout, where = 'the training sample', last = Number.MAX_SAFE_INTEGER): string | null {
  if (!isObject(sample)) return `${where} is not a sample`;
  if (!isIteration(sample.iteration)) return `${where} has no valid iteration (a whole number from 0)`;
  if (sample.iteration > last) return `${where} is at iteration ${count(sample.iteration)}, past the ${count(last)} its settings train`;
  return (
    valuesProblem(sample.gradientNorms, layout.gradientLayers.length, 'gradient norm', where) ??
    valuesProblem(sample.responseStds, layout.responseLayers.length, 'response std', where)
  );
}

/** Why `confusion` cannot be an evaluation's 10 x 10 counts, or null when it can. */
export function confusionProblem(confusion: unknown, where = 'the evaluation'): string | null {
  if (!Array.isArray(confusion) || confusion.length !== CONFUSION_CELLS) return `${where} has no confusion matrix of ${CONFUSION_CELLS} counts`;
  let images = 0;
  for (let i = 0; i < CONFUSION_CELLS; i++) {
    const cell: unknown = confusion[i];
    if (!Number.isSafeInteger(cell) || (cell as number) < 0) return `${where} has a confusion count that is not a whole number from 0`;
    images += cell as number;
  }
  return images > MAX_EVALUATED_IMAGES ? `${where} counts ${count(images)} images; an evaluation has at most ${count(MAX_EVALUATED_IMAGES)}` : null;
}

/** Why `predictions` cannot be a run's top-3 predictions, or null when they can. */
export function predictionsProblem(predictions: unknown, last = Number.MAX_SAFE_INTEGER): string | null {
  if (!isObject(predictions)) return 'their predictions are not a set of predictions';
  const { iteration, evaluatedOn, top3Classes, top3Percent, labels } = predictions;
  if (!isIteration(iteration)) return 'their predictions have no valid iteration (a whole number from 0)';
  if (iteration > last) return `their predictions are at iteration ${count(iteration)}, past the ${count(last)} its settings train`;
  if (!EVALUATED_ON.includes(evaluatedOn)) return 'their predictions do not say whether the test or the validation images were evaluated';
  if (!isUint8Array(labels) || !isUint8Array(top3Classes) || !isUint8Array(top3Percent)) return 'their predictions are not lists of bytes';
  if (labels.length > MAX_EVALUATED_IMAGES) return `their predictions are of ${count(labels.length)} images; an evaluation has at most ${count(MAX_EVALUATED_IMAGES)}`;
  if (top3Classes.length !== 3 * labels.length || top3Percent.length !== 3 * labels.length) return 'their predictions do not give three classes and percentages per image';
  if (labels.some((label) => label >= CLASS_COUNT) || top3Classes.some((label) => label >= CLASS_COUNT)) return `their predictions name a class outside 0–${CLASS_COUNT - 1}`;
  if (top3Percent.some((percent) => percent > 100)) return 'their predictions have a percentage above 100';
  return null;
}

/** Strictly increasing iterations: one sample per chart point, one evaluation per test evaluation. */
function orderProblem(items: readonly { iteration: number }[], what: string): string | null {
  for (let i = 1; i < items.length; i++) {
    if (items[i].iteration <= items[i - 1].iteration) return `${what} ${i + 1} is not after ${what} ${i}: their iterations must increase`;
  }
  return null;
}

/**
 * Why `value` cannot be the diagnostics of a run with these settings, or null when it can (or when there are
 * none: undefined). The message completes "its diagnostics were damaged: …".
 */
export function runDiagnosticsProblem(value: unknown, config: TrainConfig): string | null {
  if (value === undefined) return null;
  if (!isObject(value)) return 'they are not a set of layers and samples';
  const layout = layoutProblem(value.layout);
  if (layout) return layout;
  const layoutValue = value.layout as DiagnosticsLayout;
  const { training, evaluations, predictions } = value;
  if (!Array.isArray(training) || !Array.isArray(evaluations)) return 'their samples are not lists';
  if (training.length + evaluations.length > MAX_POINTS_PER_RUN) {
    return `they have ${count(training.length + evaluations.length)} samples; a run has at most ${count(MAX_POINTS_PER_RUN)}`;
  }
  const values = training.length * (layoutValue.gradientLayers.length + layoutValue.responseLayers.length);
  if (values > MAX_TRAINING_VALUES) return `their training samples hold ${count(values)} values; a run has at most ${count(MAX_TRAINING_VALUES)}`;
  const last = maxIterations(config);
  if (last === null) return 'its settings do not give a run length';
  for (let i = 0; i < training.length; i++) {
    const problem = trainingSampleProblem(training[i], layoutValue, `training sample ${i + 1}`, last);
    if (problem) return problem;
  }
  for (let i = 0; i < evaluations.length; i++) {
    const evaluation: unknown = evaluations[i];
    const where = `evaluation ${i + 1}`;
    if (!isObject(evaluation)) return `${where} is not an evaluation`;
    if (!isIteration(evaluation.iteration)) return `${where} has no valid iteration (a whole number from 0)`;
    if (evaluation.iteration > last) return `${where} is at iteration ${count(evaluation.iteration)}, past the ${count(last)} its settings train`;
    const problem = confusionProblem(evaluation.confusion, where);
    if (problem) return problem;
  }
  const order = orderProblem(training as TrainingSample[], 'training sample') ?? orderProblem(evaluations as { iteration: number }[], 'evaluation');
  if (order) return order;
  return predictions === undefined ? null : predictionsProblem(predictions, last);
}
