// A run's curves hold finite points only (issue 19). A diverged run stops before a non-finite point, so one in a
// record is either the end of a divergence an older version stored (a NaN test loss at the run's last
// iteration, from the evaluation on the weights that had just become NaN), which costs nothing to leave out, or
// damage elsewhere in the curve, which the load check refuses (runCurves.ts) and the history keeps aside.
import type { Run } from './appState';
import { isFinitePoint, TEST_POINT_VALUES, TRAIN_POINT_VALUES } from './runCurves';

type Shape = Record<string, unknown>;

const isObject = (value: unknown): value is Shape => typeof value === 'object' && value !== null && !Array.isArray(value);
/** NaN and ±Infinity, and null: what JSON writes for them. */
const isNonFinite = (value: unknown): boolean => value === null || (typeof value === 'number' && !Number.isFinite(value));

/** A point a divergence left: a whole number of iterations, and values that are numbers, NaN or infinite. */
function isDivergedPoint(point: unknown, values: readonly string[]): point is { iteration: number } {
  if (!isObject(point) || !Number.isSafeInteger(point.iteration) || (point.iteration as number) < 0) return false;
  const rest = values.filter((key) => key !== 'iteration');
  return rest.every((key) => point[key] === null || typeof point[key] === 'number') && rest.some((key) => isNonFinite(point[key]));
}

/** `diagnostics` without what was measured at the points left out: the samples of training points at `train`'s
 *  iterations, the confusion matrices and predictions of evaluations at `test`'s. Anything but an object with
 *  lists is left as it is, for the diagnostics check to judge. */
function diagnosticsWithout(diagnostics: unknown, train: ReadonlySet<unknown>, test: ReadonlySet<unknown>): unknown {
  if (!isObject(diagnostics)) return diagnostics;
  const kept = (list: unknown, left: ReadonlySet<unknown>) => (Array.isArray(list) ? list.filter((sample) => !(isObject(sample) && left.has(sample.iteration))) : list);
  const { predictions, ...rest } = diagnostics;
  return {
    ...rest,
    training: kept(diagnostics.training, train),
    evaluations: kept(diagnostics.evaluations, test),
    ...(predictions !== undefined && !(isObject(predictions) && test.has(predictions.iteration)) ? { predictions } : {}),
  };
}

/** The run without its non-finite points (the same object when it has none): what the history writes, so no
 *  record it writes is refused at the next start-up, even if a non-finite point reached the state. */
export function withFinitePointsOnly(run: Run): Run {
  const leftTrain = run.train.filter((point) => !isFinitePoint(point, TRAIN_POINT_VALUES));
  const leftTest = run.test.filter((point) => !isFinitePoint(point, TEST_POINT_VALUES));
  if (leftTrain.length + leftTest.length === 0) return run;
  const iterations = (points: readonly { iteration: number }[]) => new Set(points.map((point) => point.iteration));
  const diagnostics = run.diagnostics && (diagnosticsWithout(run.diagnostics, iterations(leftTrain), iterations(leftTest)) as Run['diagnostics']);
  return {
    ...run,
    train: run.train.filter((point) => isFinitePoint(point, TRAIN_POINT_VALUES)),
    test: run.test.filter((point) => isFinitePoint(point, TEST_POINT_VALUES)),
    ...(diagnostics ? { diagnostics } : {}),
  };
}

/**
 * `value` (a stored record, or a run of an import) without the non-finite points at its end, when it has some
 * and they all lie at or after every finite point of both curves: the end of a divergence (the training
 * point at the same iteration was measured before the weights went bad, and stays). What was measured at those
 * points goes with them. `dropped`: how many points. Null when there is nothing to leave out, or a non-finite
 * point lies before a finite one (that is damage, not a divergence: the record is refused as it is).
 */
export function withoutNonFiniteEnd(value: unknown): { run: Shape; dropped: number } | null {
  if (!isObject(value) || !Array.isArray(value.train) || !Array.isArray(value.test)) return null;
  const train: unknown[] = value.train;
  const test: unknown[] = value.test;
  const badTrain = train.filter((point) => !isFinitePoint(point, TRAIN_POINT_VALUES));
  const badTest = test.filter((point) => !isFinitePoint(point, TEST_POINT_VALUES));
  if (badTrain.length + badTest.length === 0) return null;
  if (!badTrain.every((point) => isDivergedPoint(point, TRAIN_POINT_VALUES)) || !badTest.every((point) => isDivergedPoint(point, TEST_POINT_VALUES))) return null;
  const bad = [...badTrain, ...badTest] as { iteration: number }[];
  const badOnes = new Set<unknown>(bad);
  // A loop, not Math.max(...points): a run holds up to 200,000 points, past the arguments a call can take.
  let lastFinite = -Infinity;
  for (const point of [...train, ...test]) {
    if (!badOnes.has(point)) lastFinite = Math.max(lastFinite, (point as { iteration: number }).iteration);
  }
  if (!bad.every((point) => point.iteration >= lastFinite)) return null;
  const iterations = (points: unknown[]) => new Set((points as { iteration: number }[]).map((point) => point.iteration));
  const run: Shape = {
    ...value,
    train: train.filter((point) => !badOnes.has(point)),
    test: test.filter((point) => !badOnes.has(point)),
  };
  if (value.diagnostics !== undefined) run.diagnostics = diagnosticsWithout(value.diagnostics, iterations(badTrain), iterations(badTest));
  return { run, dropped: bad.length };
}
