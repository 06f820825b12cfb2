// The arithmetic of the diagnostics' small plots (SmallPlot.tsx): data to px on a linear or log axis, round tick
// values, and the point nearest the pointer. Pure, so the plots' geometry is tested without a browser.

export type AxisScale = 'linear' | 'log';

export interface Axis {
  domain: readonly [number, number];
  scale: AxisScale;
}

/** Where `value` falls in the axis, 0 at domain[0] and 1 at domain[1]; null where it cannot be drawn (a
 *  non-number, or a value ≤ 0 on a log axis). Values outside the domain give positions outside [0, 1]: the plot
 *  clips them. */
export function axisPosition(value: number, axis: Axis): number | null {
  if (!Number.isFinite(value)) return null;
  const [low, high] = axis.domain;
  if (axis.scale === 'log') {
    if (value <= 0 || low <= 0 || high <= 0) return null;
    const span = Math.log10(high) - Math.log10(low);
    return span === 0 ? 0.5 : (Math.log10(value) - Math.log10(low)) / span;
  }
  const span = high - low;
  return span === 0 ? 0.5 : (value - low) / span;
}

/** 1, 2, 2.5 or 5 times a power of ten: the step between ticks a reader can add up at a glance. */
export function niceStep(roughStep: number): number {
  if (!(roughStep > 0) || !Number.isFinite(roughStep)) return 1;
  const power = 10 ** Math.floor(Math.log10(roughStep));
  const fraction = roughStep / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Ticks from 0 up to at least `max`, about `count` of them; the last tick is the axis's top. */
export function ticksFromZero(max: number, count = 5): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const step = niceStep(top / Math.max(1, count - 1));
  const ticks: number[] = [];
  // Rounded to the step's decimals, so 0.1 + 0.2 reads 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let i = 0; ; i++) {
    const tick = Number((i * step).toFixed(decimals));
    ticks.push(tick);
    if (tick >= top) break;
  }
  return ticks;
}

/** Whole-number ticks inside [first, last] (layer indices, iterations), about `count` of them, always with the
 *  first value. */
export function integerTicks(first: number, last: number, count = 6): number[] {
  if (!(last > first)) return [first];
  const step = roundStep((last - first) / Math.max(1, count - 1));
  const ticks = [first];
  for (let tick = Math.ceil((first + 1) / step) * step; tick <= last; tick += step) {
    // A tick closer than half a step to the first would print over it.
    if (tick - first >= step / 2) ticks.push(tick);
  }
  return ticks;
}

/** 1, 2 or 5 times a power of ten, the nearest to `roughStep` (so the tick count stays near what was asked), at
 *  least 1. */
function roundStep(roughStep: number): number {
  if (!(roughStep > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(roughStep));
  const fraction = roughStep / power;
  return (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * power;
}

/** The index of the value in `sortedXs` (ascending) nearest `x`; -1 when there are none. */
export function nearestIndex(sortedXs: readonly number[], x: number): number {
  if (sortedXs.length === 0) return -1;
  let low = 0;
  let high = sortedXs.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (sortedXs[middle] <= x) low = middle;
    else high = middle;
  }
  return Math.abs(sortedXs[high] - x) < Math.abs(sortedXs[low] - x) ? high : low;
}
