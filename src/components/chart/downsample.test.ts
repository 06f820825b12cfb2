import { describe, expect, it } from 'vitest';
import { downsampleToPixels, type XY } from './downsample';

/** A noisy falling curve of `n` points, x = 1 … n, with a spike of 99 at `spikeAt`. */
function curve(n: number, spikeAt = -1): XY[] {
  return Array.from({ length: n }, (_, i) => ({ x: i + 1, y: i + 1 === spikeAt ? 99 : 80 - (40 * i) / n + ((i * 7919) % 13) / 10 }));
}

describe('curves drawn at the resolution of the screen', () => {
  it('keeps about one point per pixel: at most two per bucket, and the ends', () => {
    const points = curve(20_000);
    const drawn = downsampleToPixels(points, [0, 20_000], 400);
    expect(drawn.length).toBeLessThanOrEqual(2 * 400 + 2);
    expect(drawn.length).toBeGreaterThan(400);
    expect(drawn[0]).toBe(points[0]);
    expect(drawn[drawn.length - 1]).toBe(points[points.length - 1]);
    expect(drawn.every((p, i) => i === 0 || p.x > drawn[i - 1].x)).toBe(true);
  });

  it('keeps a spike and a dip, and each bucket’s own extremes', () => {
    const points = curve(20_000, 12_345);
    points[15_000] = { x: 15_001, y: 0.5 };
    const drawn = downsampleToPixels(points, [0, 20_000], 400);
    // Drawn where they are, within a bucket (50 iterations here, about a pixel).
    expect(drawn.find((p) => p.y === 99)!.x).toBeCloseTo(12_345, -2);
    expect(drawn.find((p) => p.y === 0.5)!.x).toBeCloseTo(15_001, -2);
    // The bucket of x 101-150 (width 50): its highest and lowest points are both drawn.
    const bucket = points.filter((p) => p.x >= 100 && p.x < 150);
    const ys = drawn.filter((p) => p.x >= 100 && p.x < 150).map((p) => p.y);
    expect(Math.max(...ys)).toBe(Math.max(...bucket.map((p) => p.y)));
    expect(Math.min(...ys)).toBe(Math.min(...bucket.map((p) => p.y)));
  });

  it('puts the thinned points of two curves at the same x, so the chart has as many rows as buckets', () => {
    const a = downsampleToPixels(curve(20_000), [0, 20_000], 400);
    const b = downsampleToPixels(curve(15_000, 7_000).map((p) => ({ x: p.x + 3_000, y: p.y })), [0, 20_000], 400);
    const xs = new Set([...a, ...b].map((p) => p.x));
    // Two buckets of quarter and three-quarter points, plus each curve's exact first and last buckets.
    expect(xs.size).toBeLessThanOrEqual(2 * 400 + 8);
  });

  it('is deterministic and leaves a short curve as it is', () => {
    const points = curve(5_000);
    expect(downsampleToPixels(points, [0, 5_000], 300)).toEqual(downsampleToPixels(points, [0, 5_000], 300));
    const short = curve(500);
    expect(downsampleToPixels(short, [0, 500], 400)).toBe(short);
  });

  it('thins only the zoomed range, at its own resolution, with one point beyond each edge', () => {
    const points = curve(20_000);
    const drawn = downsampleToPixels(points, [10_000, 10_400], 400);
    // 401 points in range fit 400 buckets of two: all of them, plus x 9,999 and 10,401.
    expect(drawn[0].x).toBe(9_999);
    expect(drawn[drawn.length - 1].x).toBe(10_401);
    expect(drawn).toHaveLength(403);
  });
});
