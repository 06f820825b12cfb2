// The y axis of the chart for what it shows: error (%) as in the paper's Fig. 6, or the cross-entropy loss. Fitted
// to the values in view with a little room and round ticks (issue 20, finding 8: a fixed 0-100% axis left ~70% of
// the plot empty while the errors were 72-92%), so a zoom into the late, low errors spreads them out too.
import type { ChartRow } from '../chartData';

/** What the chart plots: Fig. 6's error, or the loss the optimiser minimises. */
export type ChartMetric = 'error' | 'loss';

export interface YAxisSpec {
  scale: 'linear' | 'log';
  domain: [number, number];
  ticks: number[];
  format: (y: number) => string;
  label: string;
}

/** Ticks a log error axis may have, from 1% (errors below it are clipped) to 100%; those inside the fitted range
 *  are shown. */
export const ERROR_LOG_TICKS = [1, 1.5, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100];

interface ValueRange {
  min: number;
  max: number;
  minPositive: number;
}

/** Smallest, largest and smallest positive value in the rows (any curve) and in `extra` (e.g. Table 6's stars). */
function valueRange(rows: readonly ChartRow[], extra: readonly number[] = []): ValueRange | null {
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  const see = (value: number) => {
    if (!Number.isFinite(value)) return;
    if (value < min) min = value;
    if (value > max) max = value;
    if (value > 0 && value < minPositive) minPositive = value;
  };
  for (const row of rows) {
    for (const key in row) if (key !== 'x') see(row[key]);
  }
  extra.forEach(see);
  return min <= max ? { min, max, minPositive } : null;
}

/** A round step (1, 2 or 5 times a power of 10) giving at most 6 intervals over `span`. */
function roundStep(span: number): number {
  const raw = span / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw * (1 - 1e-9)) ?? 10 * power;
}

/**
 * A linear axis around [min, max]: 5% of the span as room on each side (at least `minRoom`), at least `minSpan`
 * wide, widened to round ticks, never beyond [floor, ceiling]. E.g. errors of 72-92% give 70-95% in steps of 5.
 */
export function fittedLinearAxis(min: number, max: number, { floor = -Infinity, ceiling = Infinity, minSpan, minRoom }: { floor?: number; ceiling?: number; minSpan: number; minRoom: number }): { domain: [number, number]; ticks: number[] } {
  const room = Math.max((max - min) * 0.05, minRoom);
  let low = Math.max(floor, min - room);
  let high = Math.min(ceiling, max + room);
  if (high - low < minSpan) {
    const centre = (low + high) / 2;
    low = Math.max(floor, centre - minSpan / 2);
    high = Math.min(ceiling, low + minSpan);
    low = Math.max(floor, high - minSpan);
  }
  const step = roundStep(high - low);
  const from = Math.max(floor, Math.floor(low / step + 1e-9) * step);
  const to = Math.min(ceiling, Math.ceil(high / step - 1e-9) * step);
  const ticks = Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Number((from + i * step).toPrecision(6)));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}

const trimmed = (y: number) => String(Number(y.toPrecision(3)));

/** Loss axis: linear and fitted to the losses in view (never below 0); log over the decades the losses span
 *  (ln 10 ≈ 2.30 at the start, towards 0.01 late in a 64k-iteration run). */
export function lossAxis(rows: readonly ChartRow[], log: boolean): YAxisSpec {
  const range = valueRange(rows);
  const max = range?.max ?? 0;
  const minPositive = range?.minPositive ?? Infinity;
  const label = 'loss (cross-entropy)';
  if (log) {
    const from = Math.floor(Math.log10(Number.isFinite(minPositive) ? minPositive : 0.1));
    const to = Math.max(from + 1, Math.ceil(Math.log10(max > 0 ? max : 1)));
    // 1-2-5 ticks over one or two decades; over more, the powers of 10 alone (or the labels crowd).
    const mantissas = to - from <= 2 ? [1, 2, 5] : [1];
    const ticks = Array.from({ length: to - from + 1 }, (_, i) => from + i).flatMap((e) => mantissas.map((m) => m * 10 ** e)).filter((t) => t <= 10 ** to);
    return { scale: 'log', domain: [10 ** from, 10 ** to], ticks: ticks.map((t) => Number(t.toPrecision(3))), format: trimmed, label };
  }
  const { domain, ticks } = range ? fittedLinearAxis(range.min, range.max, { floor: 0, minSpan: 0.05, minRoom: 0.01 }) : { domain: [0, 2.5] as [number, number], ticks: [0, 0.5, 1, 1.5, 2, 2.5] };
  return { scale: 'linear', domain, ticks, format: trimmed, label };
}

/** Error axis (%), fitted to the errors in view and `extra` (Table 6's stars when drawn): linear within 0-100% in
 *  round steps, at least 2 points tall; or log between the 1-2-5 values around them (1% to 100% at most). */
export function errorAxis(rows: readonly ChartRow[], log: boolean, extra: readonly number[] = []): YAxisSpec {
  const format = (y: number) => `${trimmed(y)}%`;
  const label = 'error (%)';
  const range = valueRange(rows, extra);
  if (log) {
    const low = range ? [50, 20, 10, 5, 2, 1].find((t) => t <= range.minPositive / 1.05) ?? 1 : 1;
    const high = range ? [2, 5, 10, 20, 50, 100].find((t) => t >= range.max * 1.05 && t > low) ?? 100 : 100;
    return { scale: 'log', domain: [low, high], ticks: ERROR_LOG_TICKS.filter((t) => t >= low && t <= high), format, label };
  }
  if (!range) return { scale: 'linear', domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100], format, label };
  const { domain, ticks } = fittedLinearAxis(range.min, range.max, { floor: 0, ceiling: 100, minSpan: 2, minRoom: 0.5 });
  return { scale: 'linear', domain, ticks, format, label };
}

/** The y axis for `metric`, fitted to the rows in view (so a zoom into the late, low errors spreads them out) and
 *  to `extra` values drawn on it (Table 6's stars). */
export function yAxisSpec(metric: ChartMetric, rowsInView: readonly ChartRow[], log: boolean, extra: readonly number[] = []): YAxisSpec {
  return metric === 'loss' ? lossAxis(rowsInView, log) : errorAxis(rowsInView, log, extra);
}
