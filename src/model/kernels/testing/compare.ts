import * as tf from '@tensorflow/tfjs';
import { setKernelMode } from '../kernelMode';

/** max |actual - expected| / max |expected|: the error relative to the tensor's scale (0 for equal tensors). */
export async function relativeError(actual: tf.Tensor, expected: tf.Tensor): Promise<number> {
  if (actual.shape.join() !== expected.shape.join()) throw new Error(`shapes differ: ${actual.shape} vs ${expected.shape}`);
  const a = await actual.data();
  const e = await expected.data();
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < e.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - e[i]));
    scale = Math.max(scale, Math.abs(e[i]));
  }
  if (!Number.isFinite(worst)) return Infinity;
  return worst / Math.max(scale, 1e-30);
}

/** Runs `work` with the fused kernels and with the reference ops; returns both results (on the webgpu backend). */
export function bothWays<T>(work: () => T): { fused: T; reference: T } {
  try {
    setKernelMode('reference');
    const reference = work();
    setKernelMode('fused');
    const fused = work();
    return { fused, reference };
  } finally {
    setKernelMode('fused');
  }
}
