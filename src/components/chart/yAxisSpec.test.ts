import { describe, expect, it } from 'vitest';
import type { ChartRow } from '../chartData';
import { errorAxis, lossAxis } from './yAxisSpec';

const rows = (...values: number[]): ChartRow[] => values.map((v, i) => ({ x: i, a: v }) as ChartRow);

describe('the y axis', () => {
  it('counts error in % up to the largest error rounded to 10%, or 1–100% on a log axis', () => {
    expect(errorAxis(rows(47.5), false)).toMatchObject({ domain: [0, 50], ticks: [0, 10, 20, 30, 40, 50], label: 'error (%)' });
    expect(errorAxis(rows(47.5), true).domain).toEqual([1, 100]);
    expect(errorAxis(rows(8), false).format(5)).toBe('5%');
  });

  it('fits the loss with round ticks from 0, or over the decades it spans on a log axis', () => {
    const linear = lossAxis(rows(2.31, 0.4), false);
    expect(linear.domain).toEqual([0, 2.5]);
    expect(linear.ticks).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    const log = lossAxis(rows(2.31, 0.04), true);
    expect(log.domain).toEqual([0.01, 10]);
    expect(log.ticks).toEqual([0.01, 0.1, 1, 10]);
    expect(lossAxis(rows(2.31, 0.4), true).ticks).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
  });
});
