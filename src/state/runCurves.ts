// What a run's curves may hold, checked the same way wherever a run comes from: a JSON import, and the
// records IndexedDB gives back at start-up. So what an import accepts is exactly what survives a reload, and
// nothing stored can stop the page from loading (a point at iteration 1e12 overflowed the chart's stack and
// blanked the page on every load; a NaN loss was accepted by the import and then dropped at the reload).
import { CIFAR_TEST_IMAGES, CIFAR_TRAIN_IMAGES, type TrainConfig } from '../config';
import { runLength } from '../engine/schedule';
import type { TestPoint, TrainPoint } from './appState';

/** Far above a real run (about 20 training points per epoch: 1,000 epochs are 20,000), far below a hang. */
export const MAX_POINTS_PER_RUN = 200_000;

const isFinite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const count = (n: number) => n.toLocaleString('en-US');

/** A point's numbers, by curve: what a divergence turns into NaN or Infinity. */
export const TRAIN_POINT_VALUES = ['iteration', 'epoch', 'trainError', 'trainLoss', 'learningRate'] as const;
export const TEST_POINT_VALUES = ['iteration', 'epoch', 'testError', 'testLoss'] as const;

/** Whether every one of the point's `values` is a finite number (JSON writes NaN and Infinity as null). */
export function isFinitePoint(point: unknown, values: readonly string[]): boolean {
  return typeof point === 'object' && point !== null && values.every((key) => isFinite((point as Record<string, unknown>)[key]));
}

/** The most iterations the run's settings can train (on all of CIFAR-10: subsets only shorten it), or null
 *  when the settings cannot say (a damaged record). */
export function maxIterations(config: TrainConfig): number | null {
  try {
    const total = runLength(config, CIFAR_TRAIN_IMAGES, CIFAR_TEST_IMAGES).totalIterations;
    return Number.isInteger(total) && total >= 0 ? total : null;
  } catch {
    return null;
  }
}

function pointProblem(point: unknown, where: string, last: number, error: 'trainError' | 'testError', loss: 'trainLoss' | 'testLoss'): string | null {
  if (typeof point !== 'object' || point === null) return `${where} is not a point`;
  const p = point as Record<string, unknown>;
  const { iteration, epoch } = p;
  if (!Number.isInteger(iteration) || (iteration as number) < 0) return `${where} has no valid iteration (a whole number from 0)`;
  if ((iteration as number) > last) return `${where} is at iteration ${count(iteration as number)}, past the ${count(last)} its settings train`;
  // An epoch is iterations / iterations-per-epoch, so never more than the iteration (at least 1 per epoch).
  if (!isFinite(epoch) || epoch < 0 || epoch > Math.max(1, iteration as number)) return `${where} has no valid epoch`;
  if (!isFinite(p[error]) || (p[error] as number) < 0 || (p[error] as number) > 100) return `${where} has an error outside 0–100%`;
  if (!isFinite(p[loss]) || (p[loss] as number) < 0) return `${where} has no finite loss (a run that diverged stops before such a point)`;
  if (loss === 'trainLoss' && (!isFinite(p.learningRate) || (p.learningRate as number) < 0)) return `${where} has no valid learning rate`;
  return null;
}

/** Why these curves cannot be kept for a run with these settings, or null when they can. */
export function curvesProblem(config: TrainConfig, train: readonly TrainPoint[], test: readonly TestPoint[]): string | null {
  if (train.length + test.length > MAX_POINTS_PER_RUN) return `it has ${count(train.length + test.length)} points; a run has at most ${count(MAX_POINTS_PER_RUN)}`;
  const last = maxIterations(config);
  if (last === null) return 'its settings do not give a run length';
  for (let i = 0; i < train.length; i++) {
    const problem = pointProblem(train[i], `training point ${i + 1}`, last, 'trainError', 'trainLoss');
    if (problem) return problem;
  }
  for (let i = 0; i < test.length; i++) {
    const problem = pointProblem(test[i], `test point ${i + 1}`, last, 'testError', 'testLoss');
    if (problem) return problem;
  }
  return null;
}
