import { describe, expect, it } from 'vitest';
import { axisPosition, integerTicks, nearestIndex, niceStep, ticksFromZero } from './plotScale';

describe('axisPosition', () => {
  it('maps a linear domain onto 0..1, outside values beyond it', () => {
    const axis = { domain: [0, 4] as const, scale: 'linear' as const };
    expect(axisPosition(0, axis)).toBe(0);
    expect(axisPosition(1, axis)).toBe(0.25);
    expect(axisPosition(4, axis)).toBe(1);
    expect(axisPosition(6, axis)).toBe(1.5);
    expect(axisPosition(Number.NaN, axis)).toBeNull();
  });

  it('maps a log domain by decades and refuses values a log axis cannot show', () => {
    const axis = { domain: [1e-3, 1e1] as const, scale: 'log' as const };
    expect(axisPosition(1e-3, axis)).toBeCloseTo(0, 12);
    expect(axisPosition(1e-1, axis)).toBeCloseTo(0.5, 12);
    expect(axisPosition(10, axis)).toBeCloseTo(1, 12);
    expect(axisPosition(0, axis)).toBeNull();
    expect(axisPosition(-2, axis)).toBeNull();
  });

  it('puts every value of an empty domain in the middle', () => {
    expect(axisPosition(3, { domain: [3, 3], scale: 'linear' })).toBe(0.5);
  });
});

describe('ticks', () => {
  it('steps by 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(0.13)).toBeCloseTo(0.2, 12);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(1)).toBe(1);
  });

  it('covers 0..max with round values, the last at or above max', () => {
    expect(ticksFromZero(0.93)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticksFromZero(1.7)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(ticksFromZero(0.3, 4)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(ticksFromZero(0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('gives whole numbers from the first value, none printed over it', () => {
    expect(integerTicks(1, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(integerTicks(1, 19)).toEqual([1, 5, 10, 15]);
    expect(integerTicks(0, 1600, 4)).toEqual([0, 500, 1000, 1500]);
    expect(integerTicks(5, 5)).toEqual([5]);
  });
});

describe('nearestIndex', () => {
  it('finds the nearest value in a sorted list', () => {
    const xs = [0, 10, 20, 40];
    expect(nearestIndex(xs, -5)).toBe(0);
    expect(nearestIndex(xs, 14)).toBe(1);
    expect(nearestIndex(xs, 16)).toBe(2);
    expect(nearestIndex(xs, 31)).toBe(3);
    expect(nearestIndex(xs, 99)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});
