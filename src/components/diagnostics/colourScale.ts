// The heatmap's colour scale: log10 of a gradient norm, on ONE domain shared by every heatmap shown (so a colour
// means the same norm in plain-56's map and in ResNet-56's), mapped to viridis (perceptually uniform, readable
// by colour-blind readers and in grey, and legible on the light and the dark theme alike).

/** A log10 domain in whole decades, e.g. [-3, 0] for 1e-3 … 1e0. */
export interface LogDomain {
  min: number;
  max: number;
}

/** The value's log10, or null when it has none: NaN, ±Infinity and negative values. 0 gives -Infinity (a zero
 *  gradient: drawn in the lowest colour, as "at most the scale's minimum"). */
export function log10OrNull(value: number): number | null {
  if (Number.isNaN(value) || value < 0 || value === Infinity) return null;
  return value === 0 ? -Infinity : Math.log10(value);
}

/** The value at quantile q (0..1) of sorted values (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

/** The shared domain of several sets of log10 values (each heatmap's cells): the 0.5% and 99.5% quantiles of all
 *  the finite values together (one early spike does not wash out the rest; values beyond are clamped), widened
 *  to whole decades so the colour bar's ticks are 1e-3, 1e-2, …. At least one decade; [-3, 0] with no data. */
export function sharedLogDomain(sets: readonly ArrayLike<number>[]): LogDomain {
  const values: number[] = [];
  for (const set of sets) {
    for (let i = 0; i < set.length; i++) if (Number.isFinite(set[i])) values.push(set[i]);
  }
  if (values.length === 0) return { min: -3, max: 0 };
  values.sort((a, b) => a - b);
  // `+ 0` turns Math.ceil(-0.5)'s -0 into 0.
  const min = Math.floor(quantile(values, 0.005)) + 0;
  let max = Math.ceil(quantile(values, 0.995)) + 0;
  if (max <= min) max = min + 1;
  return { min, max };
}

/** Position 0..1 of a log10 value on the domain, clamped; null for no value (NaN). -Infinity (a zero norm) is 0. */
export function scalePosition(logValue: number, domain: LogDomain): number | null {
  if (Number.isNaN(logValue)) return null;
  const t = (logValue - domain.min) / (domain.max - domain.min);
  return Math.min(1, Math.max(0, t));
}

/** Matplotlib's viridis at 0, 1/8, …, 1. */
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** RGB of position t (0..1) on viridis, linearly interpolated between its stops. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * f)) as [number, number, number];
}

/** A CSS linear-gradient of the whole scale, low to high, for the colour bar. */
export function viridisGradient(direction = 'to right'): string {
  const stops = VIRIDIS.map(([r, g, b], i) => `rgb(${r} ${g} ${b}) ${((100 * i) / (VIRIDIS.length - 1)).toFixed(1)}%`);
  return `linear-gradient(${direction}, ${stops.join(', ')})`;
}

/** One tick per decade of the domain (at most `maxTicks`, thinned to every 2nd, 3rd, … decade): value and label. */
export function decadeTicks(domain: LogDomain, maxTicks = 7): { log: number; label: string }[] {
  const span = domain.max - domain.min;
  const step = Math.max(1, Math.ceil(span / Math.max(1, maxTicks - 1)));
  const ticks: { log: number; label: string }[] = [];
  for (let log = domain.min; log <= domain.max; log += step) ticks.push({ log, label: decadeLabel(log) });
  if (ticks[ticks.length - 1].log !== domain.max) ticks.push({ log: domain.max, label: decadeLabel(domain.max) });
  return ticks;
}

/** 1e-3, 1e0, 1e2 … (the scientific notation a student meets in the paper's plots). */
export function decadeLabel(log: number): string {
  return `1e${log}`;
}

/** A norm in a few characters: 0.84, 2.1e-3, 12, 0. */
export function formatNorm(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 0.01 && abs < 1000) return Number(value.toPrecision(2)).toString();
  const [mantissa, exponent] = value.toExponential(1).split('e');
  return `${mantissa}e${Number(exponent)}`;
}
