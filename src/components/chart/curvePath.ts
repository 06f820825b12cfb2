// The SVG path of a curve from its points in px, straight segments, gaps bridged (connectNulls). Drawn by our own
// <path> (chartSeries.tsx CurveShape) rather than recharts' Curve, whose ref makes recharts measure the path's
// length (getTotalLength, a layout of the whole path) on every render, even with animation off (issue 20, finding 2).

export interface PixelPoint {
  x?: number | null;
  y?: number | null;
}

const px = (v: number) => Math.round(v * 10) / 10;

/** "M12,40L13,38.5…" over the points with both coordinates; '' when there are none. */
export function curvePath(points: readonly PixelPoint[] | undefined): string {
  let d = '';
  for (const point of points ?? []) {
    if (point.x == null || point.y == null || !Number.isFinite(point.x) || !Number.isFinite(point.y)) continue;
    d += `${d === '' ? 'M' : 'L'}${px(point.x)},${px(point.y)}`;
  }
  return d;
}
