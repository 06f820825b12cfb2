import { describe, expect, it } from 'vitest';
import { MARKERS_PER_CURVE, markerPhase, markerXs } from './curveMarkers';

const range = (n: number, step = 1) => Array.from({ length: n }, (_, i) => (i + 1) * step);

describe('markers on a curve', () => {
  it('puts 8 to 12 markers on a long curve, never one on every point, the last point always marked', () => {
    for (const n of [11, 13, 40, 164, 400]) {
      const xs = range(n, 390);
      const marked = markerXs(xs);
      expect(marked.size).toBeGreaterThanOrEqual(8);
      expect(marked.size).toBeLessThanOrEqual(12);
      expect(marked.size).toBeLessThan(n);
      expect(marked.has(xs[xs.length - 1])).toBe(true);
    }
  });

  it('marks every point of a short curve (two evaluations of a micro run)', () => {
    expect(markerXs([4, 8])).toEqual(new Set([4, 8]));
    expect(markerXs(range(MARKERS_PER_CURVE))).toEqual(new Set(range(MARKERS_PER_CURVE)));
    expect(markerXs([])).toEqual(new Set());
  });

  it('spaces the markers evenly in x, even where the points are not', () => {
    // Dense early points (every iteration up to 100), sparse later (every 100 up to 10,000).
    const xs = [...range(100), ...range(99, 100).map((x) => x + 100)];
    const marked = [...markerXs(xs)].sort((a, b) => a - b);
    const gaps = marked.slice(1).map((x, i) => x - marked[i]);
    const spacing = (xs[xs.length - 1] - xs[0]) / (MARKERS_PER_CURVE - 1);
    for (const gap of gaps) expect(Math.abs(gap - spacing)).toBeLessThanOrEqual(100);
  });

  it('staggers runs sampled at the same x, so their markers do not coincide', () => {
    const xs = range(400);
    const first = markerXs(xs, { phase: markerPhase(0, 2) });
    const second = markerXs(xs, { phase: markerPhase(1, 2) });
    // Only the curves' last points (their latest value) may share a marker.
    expect([...first].filter((x) => second.has(x))).toEqual([400]);
    expect(markerPhase(0, 1)).toBe(0);
  });

  it('spreads the markers over the zoomed range only', () => {
    const marked = markerXs(range(1000), { domain: [500, 600] });
    expect(marked.size).toBe(MARKERS_PER_CURVE);
    for (const x of marked) expect(x >= 500 && x <= 600).toBe(true);
  });
});
