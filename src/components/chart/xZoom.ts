// The zoomed x range, chosen by a drag on the chart or typed in: always a sensible range inside the axis.

export type XRange = readonly [number, number];

/** The narrowest zoom, as a fraction of the axis: 1% of a 64k-iteration run is 640 iterations (a few metrics
 *  windows), narrower shows nothing but a segment between two points. */
export const MIN_ZOOM_FRACTION = 0.01;

/**
 * The range [a, b] (either order) made valid for an axis spanning `extent`: inside it, at least
 * MIN_ZOOM_FRACTION of it wide (widened around its centre, shifted back inside). null means "no zoom": the
 * input was not a number, or the range covers the whole axis.
 */
export function clampZoom(a: number, b: number, extent: XRange): XRange | null {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  const [min, max] = extent;
  const span = max - min;
  if (!(span > 0)) return null;
  let from = Math.max(min, Math.min(a, b));
  let to = Math.min(max, Math.max(a, b));
  const minSpan = span * MIN_ZOOM_FRACTION;
  if (!(to - from >= minSpan)) {
    const centre = Math.min(max, Math.max(min, (a + b) / 2));
    from = Math.max(min, Math.min(centre - minSpan / 2, max - minSpan));
    to = from + minSpan;
  }
  return from <= min && to >= max ? null : [from, to];
}

/** The x range drawn: the zoom, re-clamped to the axis (which grows while a run trains), or the whole axis. */
export function visibleRange(zoom: XRange | null, extent: XRange): XRange {
  return (zoom && clampZoom(zoom[0], zoom[1], extent)) ?? extent;
}

/** The second half of the axis: where the lr drops (50% and 75%, §4.2) and the final errors are. */
export function lastHalf(extent: XRange): XRange {
  return [(extent[0] + extent[1]) / 2, extent[1]];
}
