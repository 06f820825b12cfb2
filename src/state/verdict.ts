// What the runs of this session show, in words: the paper's three CIFAR-10 findings (§4.2, Fig. 6), each stated
// only when two comparable runs show it beyond the noise, and otherwise an honest "not yet visible" with why.
import { modelName } from '../config';
import type { Run } from './appState';

export type FindingId = 'degradation' | 'rescue' | 'deeperHelps';

export interface Finding {
  id: FindingId;
  status: 'shown' | 'notShown' | 'tooEarly';
  text: string;
}

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
function comparable(a: Run, b: Run): boolean {
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

/** Mean training error over the last WINDOW_FRACTION of [0, iteration]. */
function trainErrorNear(run: Run, iteration: number): number {
  const from = iteration * (1 - WINDOW_FRACTION);
  const window = run.train.filter((p) => p.iteration > from && p.iteration <= iteration);
  return window.reduce((sum, p) => sum + p.trainError, 0) / window.length;
}

interface Comparison {
  shallowOrPlain: Run;
  deepOrResidual: Run;
  iteration: number;
  /** Training errors in %, at the same iteration. */
  first: number;
  second: number;
  /** The smallest difference (percentage points) counted as real for these two windows. */
  margin: number;
}

/** Standard error (percentage points) of the difference of two error rates, each measured on `images` images. */
function standardErrorOfDifference(firstPercent: number, secondPercent: number, images: number): number {
  const variance = (p: number) => ((p / 100) * (1 - p / 100)) / images;
  return 100 * Math.sqrt(variance(firstPercent) + variance(secondPercent));
}

function compare(a: Run, b: Run): Comparison | null {
  const last = (run: Run) => run.train[run.train.length - 1]?.iteration ?? 0;
  const iteration = Math.min(last(a), last(b));
  const perEpoch = a.iterationsPerEpoch ?? Infinity;
  if (iteration < MIN_EPOCHS * perEpoch) return null;
  const first = trainErrorNear(a, iteration);
  const second = trainErrorNear(b, iteration);
  if (!Number.isFinite(first) || !Number.isFinite(second)) return null;
  const windowImages = Math.max(1, Math.round(WINDOW_FRACTION * iteration)) * a.config.batchSize;
  const margin = Math.max(MARGIN_POINTS, STANDARD_ERRORS * standardErrorOfDifference(first, second, windowImages));
  return { shallowOrPlain: a, deepOrResidual: b, iteration, first, second, margin };
}

const pct = (value: number) => `${value.toFixed(1)}%`;
const at = (c: Comparison) => `at iteration ${c.iteration.toLocaleString('en-US')}`;

/** Pairs (a, b) of comparable runs where `pick` holds, the one compared first, most iterations first. */
function pairs(runs: readonly Run[], pick: (a: Run, b: Run) => boolean): [Run, Run][] {
  const found: [Run, Run][] = [];
  runs.forEach((a) => runs.forEach((b) => a !== b && comparable(a, b) && pick(a, b) && found.push([a, b])));
  return found;
}

function judge(
  id: FindingId,
  candidates: [Run, Run][],
  shown: (c: Comparison, a: string, b: string) => string,
  notShown: (c: Comparison, a: string, b: string) => string,
): Finding | null {
  if (candidates.length === 0) return null;
  const comparisons = candidates.map(([a, b]) => compare(a, b));
  // The longest comparison says most; among equals, the deepest pair (the paper's point is about depth).
  const depth = (c: Comparison) => Math.max(c.shallowOrPlain.config.model.depth, c.deepOrResidual.config.model.depth);
  const best = comparisons
    .filter((c): c is Comparison => c !== null)
    .sort((x, y) => y.iteration - x.iteration || depth(y) - depth(x))[0];
  const [a, b] = candidates[0];
  if (!best) {
    return { id, status: 'tooEarly', text: `${modelName(b.config.model)} vs ${modelName(a.config.model)}: not yet visible, both runs need at least one epoch.` };
  }
  const nameA = modelName(best.shallowOrPlain.config.model);
  const nameB = modelName(best.deepOrResidual.config.model);
  if (best.first - best.second > best.margin) return { id, status: 'shown', text: shown(best, nameA, nameB) };
  return {
    id,
    status: 'notShown',
    text: `${notShown(best, nameA, nameB)} Differences under ${best.margin.toFixed(1)} points are within the noise of these runs.`,
  };
}

export function findings(runs: readonly Run[]): Finding[] {
  const plain = (r: Run) => r.config.model.blockType === 'plain';
  const residual = (r: Run) => r.config.model.blockType === 'residual';
  const result = [
    // Fig. 1 / Fig. 6 left: the deeper plain net has the HIGHER training error. a = deeper plain, b = shallower plain.
    judge(
      'degradation',
      pairs(runs, (a, b) => plain(a) && plain(b) && a.config.model.depth > b.config.model.depth),
      (c, deep, shallow) => `Degradation reproduced: ${deep} training error ${pct(c.first)} vs ${shallow} ${pct(c.second)} ${at(c)}.`,
      (c, deep, shallow) =>
        `Degradation not visible yet: ${deep} training error ${pct(c.first)} vs ${shallow} ${pct(c.second)} ${at(c)}.`,
    ),
    // Fig. 6 middle: the residual net of the same depth trains better than the plain one. a = plain, b = residual.
    judge(
      'rescue',
      pairs(runs, (a, b) => plain(a) && residual(b) && a.config.model.depth === b.config.model.depth),
      (c, plainName, resName) => `Residual fix: ${resName} training error ${pct(c.second)} vs ${plainName} ${pct(c.first)} ${at(c)}.`,
      (c, plainName, resName) => `Residual fix not visible yet: ${resName} ${pct(c.second)} vs ${plainName} ${pct(c.first)} ${at(c)}.`,
    ),
    // Fig. 6 middle: with shortcuts, deeper is better. a = shallower residual, b = deeper residual.
    judge(
      'deeperHelps',
      pairs(runs, (a, b) => residual(a) && residual(b) && b.config.model.depth > a.config.model.depth),
      (c, shallow, deep) => `Deeper helps with shortcuts: ${deep} training error ${pct(c.second)} vs ${shallow} ${pct(c.first)} ${at(c)}.`,
      (c, shallow, deep) =>
        `Deeper does not help yet: ${deep} ${pct(c.second)} vs ${shallow} ${pct(c.first)} ${at(c)}. In the PyTorch reference this appears only after about 40 epochs (tied at 15).`,
    ),
  ];
  return result.filter((f): f is Finding => f !== null);
}
