// What the verdict card weighs when it compares two runs: their training error (the paper's dashed curves, Fig. 6)
// over a window that ends at the last test evaluation both runs reached, and the smallest gap that is more than
// noise there. Deciding at evaluations keeps the verdict still while the curves move: a training window arrives
// about 10 times a second (trainer.ts coalesces progress to 10 Hz), an evaluation only evalsPerEpoch times an epoch.
import { isActive, isQueued, type Run } from './appState';

/** Training-error differences below this many percentage points are never called a finding. */
export const MARGIN_POINTS = 1;
/** ...nor below this many standard errors of the difference: a window of a few batches is noisy. */
const STANDARD_ERRORS = 2;
/** Compare over the last 10% of the iterations both runs reached, so one noisy window does not decide. */
const WINDOW_FRACTION = 0.1;
/** Before one epoch everything is still near chance (90%): nothing to conclude. */
const MIN_EPOCHS = 1;

/** Runs can be compared at equal iterations only when they share the schedule and the data. A paper-schedule
 *  run's length does not depend on its epochs field (§4.2: always 64,000 iterations). */
export function comparable(a: Run, b: Run): boolean {
  const x = a.config;
  const y = b.config;
  return (
    x.schedule === y.schedule &&
    (x.schedule === 'paper' || x.epochs === y.epochs) &&
    x.validationSplit === y.validationSplit &&
    x.batchSize === y.batchSize &&
    x.learningRate === y.learningRate &&
    x.trainSubset === y.trainSubset &&
    x.model.width === y.model.width &&
    x.model.block === y.model.block
  );
}

const lastIteration = (points: readonly { iteration: number }[]) => points[points.length - 1]?.iteration ?? 0;

/** The last iteration up to which a run's evidence is settled. While it trains, that is its last test evaluation:
 *  the training points after it are replaced every 100 ms until the next one. A run that no longer trains
 *  (finished, stopped, failed, imported) has all its points settled. */
export function settledIteration(run: Run): number {
  const lastTrain = lastIteration(run.train);
  if (!isActive(run) && !isQueued(run)) return lastTrain;
  return Math.min(lastIteration(run.test), lastTrain);
}

/** Mean training error (%) over the last WINDOW_FRACTION of [0, iteration]. */
function trainErrorNear(run: Run, iteration: number): number {
  const from = iteration * (1 - WINDOW_FRACTION);
  const window = run.train.filter((p) => p.iteration > from && p.iteration <= iteration);
  return window.reduce((sum, p) => sum + p.trainError, 0) / window.length;
}

/** Standard error (percentage points) of the difference of two error rates, each measured on `images` images. */
function standardErrorOfDifference(firstPercent: number, secondPercent: number, images: number): number {
  const variance = (p: number) => ((p / 100) * (1 - p / 100)) / images;
  return 100 * Math.sqrt(variance(firstPercent) + variance(secondPercent));
}

/** Two runs at the same iteration. `higher` is the run the paper's finding expects to have the HIGHER training
 *  error (the deeper plain net, the plain net, the shallower ResNet), `lower` the other. */
export interface Comparison {
  higher: Run;
  lower: Run;
  iteration: number;
  /** Training errors in %, at `iteration`. */
  higherError: number;
  lowerError: number;
  /** higherError − lowerError, percentage points: positive when the curves agree with the paper. */
  gap: number;
  /** The smallest gap (percentage points) counted as real for these two windows. */
  margin: number;
}

/** The comparison at the last settled iteration both runs reached, or null before one epoch (or before a test
 *  evaluation after it). */
export function compare(higher: Run, lower: Run): Comparison | null {
  const iteration = Math.min(settledIteration(higher), settledIteration(lower));
  const perEpoch = higher.iterationsPerEpoch ?? Infinity;
  if (iteration < MIN_EPOCHS * perEpoch) return null;
  const higherError = trainErrorNear(higher, iteration);
  const lowerError = trainErrorNear(lower, iteration);
  if (!Number.isFinite(higherError) || !Number.isFinite(lowerError)) return null;
  const windowImages = Math.max(1, Math.round(WINDOW_FRACTION * iteration)) * higher.config.batchSize;
  const margin = Math.max(MARGIN_POINTS, STANDARD_ERRORS * standardErrorOfDifference(higherError, lowerError, windowImages));
  return { higher, lower, iteration, higherError, lowerError, gap: higherError - lowerError, margin };
}
