import { describe, expect, it } from 'vitest';
import type { ChartRow } from '../chartData';
import { errorAxis, fittedLinearAxis, lossAxis } from './yAxisSpec';

const rows = (...values: number[]): ChartRow[] => values.map((v, i) => ({ x: i, a: v }) as ChartRow);

describe('the y axis', () => {
  it('fits the error axis to the errors shown, with room and round ticks (issue 20, finding 8)', () => {
    // A micro run at 72-92% error filled 20% of a fixed 0-100% axis.
    const early = errorAxis(rows(92, 85, 78, 72), false);
    expect(early).toMatchObject({ domain: [70, 95], ticks: [70, 75, 80, 85, 90, 95], label: 'error (%)' });
    // A whole run: the axis goes where the errors go, never past 0 or 100%.
    expect(errorAxis(rows(90, 8), false)).toMatchObject({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] });
    expect(errorAxis(rows(99.5, 97), false).domain[1]).toBe(100);
    expect(errorAxis(rows(12, 7.5), false)).toMatchObject({ domain: [7, 13] });
    expect(errorAxis(rows(8), false).format(5)).toBe('5%');
  });

  it('keeps a value drawn besides the curves (Table 6’s stars) on the axis', () => {
    expect(errorAxis(rows(9, 12), false, [6.43]).domain[0]).toBeLessThanOrEqual(6.43);
  });

  it('is at least 2 points tall around a single value, and 0-100% with nothing to show', () => {
    const one = errorAxis(rows(47.5), false);
    expect(one.domain[1] - one.domain[0]).toBeGreaterThanOrEqual(2);
    expect(one.domain[0]).toBeLessThan(47.5);
    expect(one.domain[1]).toBeGreaterThan(47.5);
    expect(errorAxis([], false).domain).toEqual([0, 100]);
  });

  it('fits a log error axis to the 1-2-5 values around the errors', () => {
    expect(errorAxis(rows(47.5, 92), true)).toMatchObject({ domain: [20, 100], ticks: [20, 30, 50, 70, 100] });
    expect(errorAxis(rows(0.5, 92), true).domain).toEqual([1, 100]);
    expect(errorAxis([], true).domain).toEqual([1, 100]);
  });

  it('gives round ticks at most 7 and covers the range', () => {
    for (const [min, max] of [
      [0.3, 0.31],
      [3, 97],
      [55.5, 56.1],
      [72, 92],
    ]) {
      const { domain, ticks } = fittedLinearAxis(min, max, { floor: 0, ceiling: 100, minSpan: 2, minRoom: 0.5 });
      expect(domain[0]).toBeLessThanOrEqual(min);
      expect(domain[1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(7);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('fits the loss with round ticks, or over the decades it spans on a log axis', () => {
    const linear = lossAxis(rows(2.31, 0.4), false);
    expect(linear.domain).toEqual([0, 2.5]);
    expect(linear.ticks).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(lossAxis(rows(2.3, 1.9), false).domain).toEqual([1.8, 2.4]);
    const log = lossAxis(rows(2.31, 0.04), true);
    expect(log.domain).toEqual([0.01, 10]);
    expect(log.ticks).toEqual([0.01, 0.1, 1, 10]);
    expect(lossAxis(rows(2.31, 0.4), true).ticks).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
  });
});
