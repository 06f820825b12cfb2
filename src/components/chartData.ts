// Turns runs into the rows recharts draws: one row per x value, one column per (run, curve).
import type { ReferenceSet } from '../reference/referenceCurves';
import type { Run } from '../state/appState';
import { debiasedEma } from './smoothing';

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
  reference?: ReferenceSet;
  /** Debiased EMA weight for the training curves, 0 (off) to below 1. */
  smoothing?: number;
}

export function buildChartRows(runs: readonly Run[], { unit, reference, smoothing = 0 }: ChartOptions): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  const put = (x: number, key: string, y: number) => {
    const row = rows.get(x) ?? ({ x } as ChartRow);
    row[key] = y;
    rows.set(x, row);
  };
  for (const run of runs) {
    const train = run.train.map((p) => ({ x: unit === 'iteration' ? p.iteration : p.epoch, y: p.trainError }));
    downsample(train, MAX_TRAIN_POINTS_PER_RUN).forEach((p) => put(p.x, trainKey(run.id), p.y));
    if (smoothing > 0) {
      // Smoothed at full resolution, then thinned like the raw curve.
      const smoothed = debiasedEma(train.map((p) => p.y), smoothing).map((y, i) => ({ x: train[i].x, y }));
      downsample(smoothed, MAX_TRAIN_POINTS_PER_RUN).forEach((p) => put(p.x, smoothedTrainKey(run.id), p.y));
    }
    run.test.forEach((p) => put(unit === 'iteration' ? p.iteration : p.epoch, testKey(run.id), p.testError));
  }
  for (const run of reference?.runs ?? []) {
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
