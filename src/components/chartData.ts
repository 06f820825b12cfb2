// Turns runs into the rows recharts draws (one row per x value, one column per (run, curve)), and the small
// pure decisions around them: which runs are drawn, where the lr drops are, how the x axis counts.
import type { ReferenceSet } from '../reference/referenceCurves';
import type { Run } from '../state/appState';
import { debiasedEma } from './smoothing';
import type { ChartMetric } from './chart/yAxisSpec';

export type XAxisUnit = 'iteration' | 'epoch';

export type ChartRow = { x: number } & Record<string, number>;

/** Most training points drawn per run; longer histories are averaged in consecutive buckets so the chart
 *  stays fast (recharts redraws every SVG path on each event). */
export const MAX_TRAIN_POINTS_PER_RUN = 400;

export const trainKey = (runId: string) => `${runId}:train`;
/** The smoothed training curve; the raw one stays drawn, faint, under it. */
export const smoothedTrainKey = (runId: string) => `${runId}:trainSmoothed`;
export const testKey = (runId: string) => `${runId}:test`;
/** Reference curves get their own keys so they can never be mistaken for a run of this session. */
export const referenceTrainKey = (name: string) => `reference:${name}:train`;
export const referenceTestKey = (name: string) => `reference:${name}:test`;

/** A run the chart can draw: it has points (a queued run has none yet). */
export function hasPoints(run: Run): boolean {
  return run.train.length > 0 || run.test.length > 0;
}

/** The runs drawn on the chart: with points, and not hidden by the legend or the history. */
export function visibleRuns(runs: readonly Run[]): Run[] {
  return runs.filter((run) => !run.hidden && hasPoints(run));
}

interface XY {
  x: number;
  y: number;
}

/** Averages consecutive points into at most `max` buckets (x and y both averaged). */
export function downsample(points: XY[], max: number): XY[] {
  if (points.length <= max) return points;
  const size = Math.ceil(points.length / max);
  const result: XY[] = [];
  for (let start = 0; start < points.length; start += size) {
    const bucket = points.slice(start, start + size);
    result.push({
      x: bucket.reduce((sum, p) => sum + p.x, 0) / bucket.length,
      y: bucket.reduce((sum, p) => sum + p.y, 0) / bucket.length,
    });
  }
  return result;
}

export interface ChartOptions {
  unit: XAxisUnit;
  /** The PyTorch overlay (it has error curves only, so it is left out of a loss chart). */
  reference?: ReferenceSet;
  /** Debiased EMA weight for the training curves, 0 (off) to below 1. */
  smoothing?: number;
  /** 'error' (default): training and test error in %; 'loss': the training loss of each metrics window and the
   *  test loss, on the same keys. */
  metric?: ChartMetric;
}

export function buildChartRows(runs: readonly Run[], { unit, reference, smoothing = 0, metric = 'error' }: ChartOptions): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  const put = (x: number, key: string, y: number) => {
    const row = rows.get(x) ?? ({ x } as ChartRow);
    row[key] = y;
    rows.set(x, row);
  };
  for (const run of runs) {
    const train = run.train.map((p) => ({ x: unit === 'iteration' ? p.iteration : p.epoch, y: metric === 'loss' ? p.trainLoss : p.trainError }));
    downsample(train, MAX_TRAIN_POINTS_PER_RUN).forEach((p) => put(p.x, trainKey(run.id), p.y));
    if (smoothing > 0) {
      // Smoothed at full resolution, then thinned like the raw curve.
      const smoothed = debiasedEma(train.map((p) => p.y), smoothing).map((y, i) => ({ x: train[i].x, y }));
      downsample(smoothed, MAX_TRAIN_POINTS_PER_RUN).forEach((p) => put(p.x, smoothedTrainKey(run.id), p.y));
    }
    run.test.forEach((p) => put(unit === 'iteration' ? p.iteration : p.epoch, testKey(run.id), metric === 'loss' ? p.testLoss : p.testError));
  }
  for (const run of metric === 'loss' ? [] : (reference?.runs ?? [])) {
    const x = (iteration: number) => (unit === 'iteration' ? iteration : iteration / run.iterationsPerEpoch);
    run.fine.forEach((p) => put(x(p.iteration), referenceTrainKey(run.name), p.trainError));
    run.epochs.forEach((p) => put(x(p.iteration), referenceTestKey(run.name), p.testError));
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

/** Upper end of the error axis: the largest error drawn, rounded up to 10% (at least 10%, at most 100%). */
export function errorAxisMax(rows: readonly ChartRow[]): number {
  let max = 0;
  rows.forEach((row) =>
    Object.entries(row).forEach(([key, value]) => {
      if (key !== 'x' && value > max) max = value;
    }),
  );
  return Math.min(100, Math.max(10, Math.ceil(max / 10) * 10));
}

/** Round ticks from 0 to `max` (a multiple of 10): every 5% up to 20%, every 10% up to 60%, else every 20%. */
export function errorAxisTicks(max: number): number[] {
  const step = max <= 20 ? 5 : max <= 60 ? 10 : 20;
  const ticks = Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
  return ticks[ticks.length - 1] === max ? ticks : [...ticks, max];
}

/** The x (in `unit`) of every distinct lr drop (§4.2: ÷10 at 50% and 75% of the run) among these runs. */
export function lrDropXs(runs: readonly Pick<Run, 'lrDropIterations' | 'iterationsPerEpoch'>[], unit: XAxisUnit): number[] {
  const xs = new Set<number>();
  for (const run of runs) {
    for (const drop of run.lrDropIterations ?? []) {
      const x = unit === 'iteration' ? drop : drop / (run.iterationsPerEpoch ?? 1);
      // Rounded so that the same epoch reached with different iterations per epoch (subsets) is one line.
      xs.add(Math.round(x * 1e6) / 1e6);
    }
  }
  return [...xs].sort((a, b) => a - b);
}

/** From this many iterations on the x axis counts in units of 10^4, as the paper's Fig. 6 does (0 ... 6.4). */
export const ITERATIONS_IN_1E4_FROM = 20_000;

export interface XAxisFormat {
  label: string;
  format: (x: number) => string;
  /** Explicit ticks, or undefined to let recharts choose. */
  ticks?: number[];
}

const trimmed = (x: number, digits: number) => String(Math.round(x * 10 ** digits) / 10 ** digits);

/** Label, tick text and ticks of the x axis, whose extent (in `unit`) is [0, end]. */
export function xAxisFormat(unit: XAxisUnit, end: number): XAxisFormat {
  if (unit === 'epoch') return { label: 'epochs', format: (x) => trimmed(x, 2) };
  if (end < ITERATIONS_IN_1E4_FROM) return { label: 'iterations', format: (x) => x.toLocaleString('en-US') };
  // Multiples of 10^4 (of 2, 5, 10, ... ·10^4 when the run is long, at most 10 steps), and the end of the
  // schedule, e.g. 6.4 for 64k, unless it would crowd the last tick.
  const steps = [1, 2, 5].flatMap((m) => [1, 10, 100].map((p) => m * p * 10_000)).sort((a, b) => a - b);
  const step = steps.find((s) => end / s <= 10) ?? steps[steps.length - 1];
  const ticks = Array.from({ length: Math.floor(end / step) + 1 }, (_, i) => i * step);
  if (end - ticks[ticks.length - 1] >= 0.3 * step) ticks.push(end);
  return { label: 'iterations (×10⁴)', format: (x) => trimmed(x / 10_000, 2), ticks };
}

/** An x value in words, for tooltips: "iteration 32,000", "epoch 2.35". */
export function xValueText(unit: XAxisUnit, x: number): string {
  return unit === 'iteration' ? `iteration ${Math.round(x).toLocaleString('en-US')}` : `epoch ${x.toFixed(2)}`;
}

/** Vertical positions (px, down) for labels that want to sit at `targets` but need `gap` px each: labels that
 *  would overlap are grouped and centred on their targets' mean, then kept inside [min, max] where they fit. */
export function spreadLabels(targets: readonly number[], gap: number, min = -Infinity, max = Infinity): number[] {
  const order = targets.map((_, i) => i).sort((a, b) => targets[a] - targets[b]);
  const groups: { members: number[]; top: number }[] = [];
  for (const index of order) {
    groups.push({ members: [index], top: targets[index] });
    // Merge the newest group into the one above it while they overlap.
    while (groups.length > 1) {
      const last = groups[groups.length - 1];
      const previous = groups[groups.length - 2];
      if (previous.top + previous.members.length * gap <= last.top) break;
      const members = [...previous.members, ...last.members];
      const mean = members.reduce((sum, m) => sum + targets[m], 0) / members.length;
      groups.splice(-2, 2, { members, top: mean - ((members.length - 1) * gap) / 2 });
    }
  }
  const sorted = groups.flatMap((group) => group.members.map((_, k) => group.top + k * gap));
  // Push down from the top edge, then up from the bottom edge (the top wins when they cannot all fit).
  for (let k = sorted.length - 1; k >= 0; k--) sorted[k] = Math.min(sorted[k], k === sorted.length - 1 ? max : sorted[k + 1] - gap);
  for (let k = 0; k < sorted.length; k++) sorted[k] = Math.max(sorted[k], k === 0 ? min : sorted[k - 1] + gap);
  // Groups hold consecutive runs of `order`, so `sorted` is in the same order.
  const positions = new Array<number>(targets.length);
  order.forEach((index, k) => (positions[index] = sorted[k]));
  return positions;
}
