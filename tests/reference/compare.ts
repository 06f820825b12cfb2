// How far the tfjs numbers are from PyTorch's: max |a - b| / max(max |b|, 1e-6), per tensor (so a small
// tensor is judged on its own scale, not against the largest one), then the maximum over a group.
import type { NamedTensors, TensorJson } from './referenceData';

const SCALE_FLOOR = 1e-6;

export function relativeDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < expected.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
    maxRef = Math.max(maxRef, Math.abs(expected[i]));
  }
  return Number.isNaN(maxDiff) || actual.length === 0 ? NaN : maxDiff / Math.max(maxRef, SCALE_FLOOR);
}

export function tensorDifference(actual: TensorJson, expected: TensorJson): number {
  if (actual.shape.join() !== expected.shape.join()) {
    throw new Error(`shape [${actual.shape}] != [${expected.shape}]`);
  }
  return relativeDifference(actual.data, expected.data);
}

/** The worst tensor of those whose name passes `select`, with its name. Throws if nothing is selected or a
 *  name is missing on one side. */
export function worstOf(
  actual: NamedTensors,
  expected: NamedTensors,
  select: (name: string) => boolean = () => true,
): { difference: number; name: string; count: number } {
  const names = Object.keys(expected).filter(select);
  if (names.length === 0) throw new Error('no tensor selected');
  let worst = { difference: -1, name: '', count: names.length };
  for (const name of names) {
    if (!(name in actual)) throw new Error(`${name} missing on the tfjs side`);
    const difference = tensorDifference(actual[name], expected[name]);
    if (!(difference <= worst.difference)) worst = { difference, name, count: names.length };
  }
  return worst;
}

/** Spacing of float32 numbers at |x| (2^-23 relative). */
function float32Ulp(x: number): number {
  return x === 0 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(Math.abs(x))) - 23);
}

function maxAbs(values: number[]): number {
  return values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

/**
 * Compares one SGD step, i.e. the update p_after - p_before (computed in float64 from the float32 values),
 * of every parameter. Each side stores p in float32, so each update carries up to about one float32 ulp of p
 * that no implementation can avoid: for BN gamma (p ~ 1, ulp 1.2e-7) with updates of ~1e-3 that alone is
 * ~1e-4 relative. So the bound per tensor is `bound + 2 ulp(max |p|) / max |update|`.
 * Returns the largest plain relative difference (and where), and whether every tensor is within its bound.
 */
export function worstUpdate(
  ours: { before: NamedTensors; after: NamedTensors },
  ref: { before: NamedTensors; after: NamedTensors },
  bound: number,
): { difference: number; name: string; count: number; withinBounds: boolean; loosestBound: number } {
  const names = Object.keys(ref.after);
  const result = { difference: -1, name: '', count: names.length, withinBounds: true, loosestBound: bound };
  for (const name of names) {
    const ourUpdate = ours.after[name].data.map((v, i) => v - ours.before[name].data[i]);
    const refUpdate = ref.after[name].data.map((v, i) => v - ref.before[name].data[i]);
    const difference = relativeDifference(ourUpdate, refUpdate);
    const scale = Math.max(maxAbs(refUpdate), SCALE_FLOOR);
    const allowed = bound + (2 * float32Ulp(maxAbs(ref.after[name].data))) / scale;
    if (!(difference <= allowed)) result.withinBounds = false;
    result.loosestBound = Math.max(result.loosestBound, allowed);
    if (!(difference <= result.difference)) Object.assign(result, { difference, name });
  }
  return result;
}

/**
 * Gradient norms are not continuous in the weights: a ReLU whose input lies within float32 noise of zero passes
 * its gradient on one side and blocks it on the other, and moves every layer below it. Measured (ResNet-8, width 4,
 * torchrun 2 processes vs 1, losses within 5e-7): at one sample the FC layer's norm agreed to 2e-8 while every
 * layer below the last ReLU moved by 0.04-1.6% (1.5e-3 of the largest norm); the other 7 samples agreed to 4e-7;
 * in 1 of 20 runs of one machine state, in 20 of 20 of another. A real mistake (a gradient counted twice, half the
 * batch left out) moves every sample.
 * So per-sample differences are judged by their median against the tight bound, and each sample only against
 * `KINK_BOUND`. Forward quantities (losses, response stds) are continuous and keep the tight bound everywhere.
 */
export const KINK_BOUND = 5e-2;

export function medianAndWorst(differences: number[]): { median: number; worst: number } {
  if (differences.length === 0 || differences.some(Number.isNaN)) return { median: NaN, worst: NaN };
  const sorted = [...differences].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, worst: sorted[sorted.length - 1] };
}
