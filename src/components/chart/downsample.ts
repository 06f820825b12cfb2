// Curves drawn at the resolution of the screen (issue 20, finding 2): a 64k-iteration run has thousands of
// training points, but a plot 800 px wide can show at most one x per pixel. Each curve is cut into buckets of equal
// x width, one per two pixels of the plot, and each bucket keeps its lowest and its highest point (in x order), so
// a spike or a dip stays on the chart however long the run; the first and last point in view are always kept (the
// curve's latest value is what a user watches). Deterministic: the same points give the same result.
// Inside the range, a bucket's two points are drawn at a quarter and three quarters of its width (their y exact,
// their x moved by under a bucket, about a pixel): so every curve thinned over the same range and width shares
// the same x values, the chart's rows (one per x) stay about as many as the buckets whatever the number of runs,
// and recharts, which walks every row for every line, has that much less to do.
import type { XRange } from './xZoom';

export interface XY {
  x: number;
  y: number;
}

/** Points of an ascending-x curve that are worth drawing over `range` at `buckets` buckets (about half the plot's
 *  width in px). Also kept: the nearest point outside each end of the range, so the line runs on to the plot's
 *  edge under a zoom. Returns `points` itself when nothing would be dropped. */
export function downsampleToPixels(points: readonly XY[], range: XRange, buckets: number): readonly XY[] {
  const [from, to] = range;
  let first = 0;
  while (first < points.length && points[first].x < from) first++;
  let end = first;
  while (end < points.length && points[end].x <= to) end++;
  const inRange = end - first;
  const count = Math.max(1, Math.floor(buckets));
  if (inRange <= 2 * count + 2) {
    // Nothing to thin: the points in range, and their neighbours just outside it.
    const start = Math.max(0, first - 1);
    const stop = Math.min(points.length, end + 1);
    return start === 0 && stop === points.length ? points : points.slice(start, stop);
  }
  const kept: XY[] = [];
  if (first > 0) kept.push(points[first - 1]);
  kept.push(points[first]);
  const width = (to - from) / count || 1;
  let bucket = -1;
  let low = -1;
  let high = -1;
  const firstBucket = Math.min(count - 1, Math.floor((points[first].x - from) / width));
  const lastBucket = Math.min(count - 1, Math.floor((points[end - 1].x - from) / width));
  const flush = () => {
    if (bucket < 0) return;
    const a = Math.min(low, high);
    const b = Math.max(low, high);
    // The buckets of the range's first and last points keep exact x, so the curve's order is kept about them.
    const exact = bucket === firstBucket || bucket === lastBucket;
    const at = (index: number, fraction: number): XY => (exact ? points[index] : { x: from + (bucket + fraction) * width, y: points[index].y });
    // The range's first and last points are pushed on their own; a bucket never repeats them.
    if (a !== first) kept.push(at(a, b === a ? 0.5 : 0.25));
    if (b !== a && b !== first && b !== end - 1) kept.push(at(b, 0.75));
  };
  for (let i = first; i < end; i++) {
    const b = Math.min(count - 1, Math.floor((points[i].x - from) / width));
    if (b !== bucket) {
      flush();
      bucket = b;
      low = i;
      high = i;
    } else {
      if (points[i].y < points[low].y) low = i;
      if (points[i].y > points[high].y) high = i;
    }
  }
  flush();
  if (kept[kept.length - 1] !== points[end - 1]) kept.push(points[end - 1]);
  if (end < points.length) kept.push(points[end]);
  return kept;
}
