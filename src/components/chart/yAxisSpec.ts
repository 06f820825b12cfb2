// The y axis of the chart for what it shows: error (%) as in the paper's Fig. 6, or the cross-entropy loss.
import { errorAxisMax, errorAxisTicks, type ChartRow } from '../chartData';

/** What the chart plots: Fig. 6's error, or the loss the optimiser minimises. */
export type ChartMetric = 'error' | 'loss';

export interface YAxisSpec {
  scale: 'linear' | 'log';
  domain: [number, number];
  ticks: number[];
  format: (y: number) => string;
  label: string;
}

/** Log error axis from 1% (errors below it are clipped) to 100%. */
export const ERROR_LOG_TICKS = [1, 2, 5, 10, 20, 50, 100];

/** Largest and smallest positive value in the rows (any curve). */
function valueRange(rows: readonly ChartRow[]): { max: number; minPositive: number } {
  let max = 0;
  let minPositive = Infinity;
  for (const row of rows) {
    for (const key in row) {
      if (key === 'x') continue;
      const value = row[key];
      if (value > max) max = value;
      if (value > 0 && value < minPositive) minPositive = value;
    }
  }
  return { max, minPositive };
}

const trimmed = (y: number) => String(Number(y.toPrecision(3)));

/** A round step giving at most about 6 ticks up to `max`: 1, 2 or 5 times a power of 10. */
function niceStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? 10 * power;
}

/** Loss axis: linear from 0 to a round value above the largest loss; log over the decades the losses span
 *  (ln 10 ≈ 2.30 at the start, towards 0.01 late in a 64k-iteration run). */
export function lossAxis(rows: readonly ChartRow[], log: boolean): YAxisSpec {
  const { max, minPositive } = valueRange(rows);
  const label = 'loss (cross-entropy)';
  if (log) {
    const from = Math.floor(Math.log10(Number.isFinite(minPositive) ? minPositive : 0.1));
    const to = Math.max(from + 1, Math.ceil(Math.log10(max > 0 ? max : 1)));
    // 1-2-5 ticks over one or two decades; over more, the powers of 10 alone (or the labels crowd).
    const mantissas = to - from <= 2 ? [1, 2, 5] : [1];
    const ticks = Array.from({ length: to - from + 1 }, (_, i) => from + i).flatMap((e) => mantissas.map((m) => m * 10 ** e)).filter((t) => t <= 10 ** to);
    return { scale: 'log', domain: [10 ** from, 10 ** to], ticks: ticks.map((t) => Number(t.toPrecision(3))), format: trimmed, label };
  }
  const step = niceStep(max > 0 ? max : 1);
  const top = Math.ceil((max > 0 ? max : 1) / step) * step;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Number((i * step).toPrecision(3)));
  return { scale: 'linear', domain: [0, ticks[ticks.length - 1]], ticks, format: trimmed, label };
}

/** Error axis (%): linear from 0 to the largest error rounded up to 10%, or log from 1% to 100%. */
export function errorAxis(rows: readonly ChartRow[], log: boolean): YAxisSpec {
  const format = (y: number) => `${y}%`;
  const label = 'error (%)';
  if (log) return { scale: 'log', domain: [1, 100], ticks: ERROR_LOG_TICKS, format, label };
  const max = errorAxisMax(rows);
  return { scale: 'linear', domain: [0, max], ticks: errorAxisTicks(max), format, label };
}

/** The y axis for `metric`, fitted to the rows in view (so a zoom into the late, low errors spreads them out). */
export function yAxisSpec(metric: ChartMetric, rowsInView: readonly ChartRow[], log: boolean): YAxisSpec {
  return metric === 'loss' ? lossAxis(rowsInView, log) : errorAxis(rowsInView, log);
}
