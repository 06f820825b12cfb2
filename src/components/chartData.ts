// Turns runs into the rows recharts draws (one row per x value, one column per (run, curve)), and the small
// pure decisions around them: which runs are drawn, where the lr drops are, how the x axis counts.
import type { ReferenceSet } from '../reference/referenceCurves';
import type { Run } from '../state/appState';
import { debiasedEma } from './smoothing';
import { downsampleToPixels, type XY } from './chart/downsample';
import type { XRange } from './chart/xZoom';
import type { ChartMetric } from './chart/yAxisSpec';
import { formatCount } from './diagnostics/numberFormat';

export type XAxisUnit = 'iteration' | 'epoch';

export type ChartRow = { x: number } & Record<string, number>;

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

/** The last result of `compute` for this owner (a run's curve array, which the store replaces only when a point is
 *  added) and key: a curve is thinned again only when it changed, not on every progress tick. */
const seriesCache = new WeakMap<object, Map<string, readonly XY[]>>();
function cachedSeries(owner: object, key: string, compute: () => readonly XY[]): readonly XY[] {
  let byKey = seriesCache.get(owner);
  if (!byKey) seriesCache.set(owner, (byKey = new Map()));
  let series = byKey.get(key);
  if (!series) {
    // A handful of keys per curve (raw, smoothed; a zoom or two): old ones go rather than pile up.
    if (byKey.size >= 8) byKey.clear();
    series = compute();
    byKey.set(key, series);
  }
  return series;
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
  /** Thin each curve to the screen (chart/downsample.ts): the x range in view and the buckets across it (about
   *  half the plot's width in px). Absent: every point. */
  resolution?: { range: XRange; buckets: number };
}

export function buildChartRows(runs: readonly Run[], { unit, reference, smoothing = 0, metric = 'error', resolution }: ChartOptions): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  const put = (x: number, key: string, y: number) => {
    const row = rows.get(x) ?? ({ x } as ChartRow);
    row[key] = y;
    rows.set(x, row);
  };
  const thin = (points: readonly XY[]) => (resolution ? downsampleToPixels(points, resolution.range, resolution.buckets) : points);
  const resolutionKey = resolution ? `${resolution.range[0]}-${resolution.range[1]}/${resolution.buckets}` : 'all';
  for (const run of runs) {
    const key = `${unit}|${metric}|${resolutionKey}`;
    const raw = () => run.train.map((p) => ({ x: unit === 'iteration' ? p.iteration : p.epoch, y: metric === 'loss' ? p.trainLoss : p.trainError }));
    cachedSeries(run.train, `raw|${key}`, () => thin(raw())).forEach((p) => put(p.x, trainKey(run.id), p.y));
    if (smoothing > 0) {
      // Smoothed at full resolution, then thinned like the raw curve.
      const smoothed = () => {
        const train = raw();
        return thin(debiasedEma(train.map((p) => p.y), smoothing).map((y, i) => ({ x: train[i].x, y })));
      };
      cachedSeries(run.train, `smoothed ${smoothing}|${key}`, smoothed).forEach((p) => put(p.x, smoothedTrainKey(run.id), p.y));
    }
    run.test.forEach((p) => put(unit === 'iteration' ? p.iteration : p.epoch, testKey(run.id), metric === 'loss' ? p.testLoss : p.testError));
  }
  for (const run of metric === 'loss' ? [] : (reference?.runs ?? [])) {
    const x = (iteration: number) => (unit === 'iteration' ? iteration : iteration / run.iterationsPerEpoch);
    const fine = () => thin(run.fine.map((p) => ({ x: x(p.iteration), y: p.trainError })));
    cachedSeries(run.fine, `${unit}|${resolutionKey}`, fine).forEach((p) => put(p.x, referenceTrainKey(run.name), p.y));
    run.epochs.forEach((p) => put(x(p.iteration), referenceTestKey(run.name), p.testError));
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
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
  if (end < ITERATIONS_IN_1E4_FROM) return { label: 'iterations', format: formatCount };
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
