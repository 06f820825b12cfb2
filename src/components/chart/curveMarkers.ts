// Which points of a curve carry its run's marker (□ plain, ● residual A, ▲ residual B). The colour is the
// depth's (Fig. 6), so on a chart of plain-8 and ResNet-8 only the markers and the dash pattern tell the two
// apart: every curve gets markers, training curves too (a short run has only a couple of test points), spread
// evenly over the x range that is in view.

/** Markers per curve: enough to name the block type anywhere along the curve, few enough that a 400-point
 *  training curve stays a line rather than a string of beads. */
export const MARKERS_PER_CURVE = 10;

export interface MarkerOptions {
  /** How many markers (at most; nearby targets may pick the same point). */
  count?: number;
  /** Shift of the markers as a fraction of their spacing (0 to 1): runs sampled at the same x (the runs of one
   *  experiment) get different phases, so their markers do not sit on top of each other. */
  phase?: number;
  /** Only points inside [from, to] (the zoomed x range) are marked, spread over that range. */
  domain?: readonly [number, number];
}

/** Index of the value in `xs` (ascending) nearest to `target`. */
function nearestIndex(xs: readonly number[], target: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && target - xs[lo - 1] <= xs[lo] - target ? lo - 1 : lo;
}

/** The x values of `xs` (ascending) that get a marker: the points nearest to `count` evenly spaced x across the
 *  curve's visible range, the last one always on the curve's last visible point (its latest value). A curve
 *  of at most `count` visible points is marked at each of them; a longer one never at every point. */
export function markerXs(xs: readonly number[], { count = MARKERS_PER_CURVE, phase = 0, domain }: MarkerOptions = {}): Set<number> {
  const visible = domain ? xs.filter((x) => x >= domain[0] && x <= domain[1]) : xs;
  if (visible.length <= count) return new Set(visible);
  const first = visible[0];
  const last = visible[visible.length - 1];
  // Targets first + (k + phase)·spacing, k = 0 … count-1; the spacing makes the last target the last point.
  const spacing = (last - first) / (count - 1 + phase);
  const marked = new Set<number>();
  for (let k = 0; k < count; k++) marked.add(visible[nearestIndex(visible, first + (k + phase) * spacing)]);
  return marked;
}

/** Phase of run `index` of `runs` drawn together: evenly staggered over one marker spacing. */
export function markerPhase(index: number, runs: number): number {
  return runs > 1 ? index / runs : 0;
}
