import { describe, expect, it } from 'vitest';
import { clampZoom, lastHalf, MIN_ZOOM_FRACTION, visibleRange } from './xZoom';

describe('the zoomed x range', () => {
  const extent = [0, 64_000] as const;

  it('orders the ends and keeps them inside the axis', () => {
    expect(clampZoom(48_000, 32_000, extent)).toEqual([32_000, 48_000]);
    expect(clampZoom(-500, 10_000, extent)).toEqual([0, 10_000]);
    expect(clampZoom(60_000, 1e9, extent)).toEqual([60_000, 64_000]);
  });

  it('is never narrower than 1% of the axis, and stays inside it when widened', () => {
    expect(clampZoom(32_000, 32_000, extent)).toEqual([31_680, 32_320]);
    const atEnd = clampZoom(64_000, 63_990, extent)!;
    expect(atEnd[1]).toBe(64_000);
    expect(atEnd[1] - atEnd[0]).toBeCloseTo(64_000 * MIN_ZOOM_FRACTION, 6);
    const atStart = clampZoom(0, 1, extent)!;
    expect(atStart).toEqual([0, 640]);
  });

  it('means no zoom for the whole axis or for input that is not a number', () => {
    expect(clampZoom(0, 64_000, extent)).toBeNull();
    expect(clampZoom(-1, 70_000, extent)).toBeNull();
    expect(clampZoom(Number.NaN, 5, extent)).toBeNull();
    expect(clampZoom(1, 2, [0, 0])).toBeNull();
  });

  it('re-clamps a zoom to an axis that changed, and offers the last half', () => {
    expect(visibleRange(null, extent)).toEqual(extent);
    expect(visibleRange([10, 20], [0, 15])).toEqual([10, 15]);
    expect(visibleRange([32_000, 48_000], extent)).toEqual([32_000, 48_000]);
    expect(lastHalf(extent)).toEqual([32_000, 64_000]);
  });
});
