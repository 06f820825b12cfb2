// Which implementation of the fused operations runs: the WGSL kernels of this folder (webgpu backend only) or
// the reference tfjs ops they replace (every backend; `?kernels=reference` forces them on webgpu, for
// comparison and debugging). The model calls the same paper-named layers either way.
import * as tf from '@tensorflow/tfjs';

export type KernelMode = 'fused' | 'reference';

let requested: KernelMode = 'fused';

export function setKernelMode(mode: KernelMode): void {
  requested = mode;
}

export function requestedKernelMode(): KernelMode {
  return requested;
}

/** True when the fused kernels run: requested, and the active backend is webgpu. */
export function useFusedKernels(): boolean {
  return requested === 'fused' && tf.getBackend() === 'webgpu';
}
