// Which implementation of the fused operations runs: the WGSL kernels of this folder (webgpu backend only) or
// the reference tfjs ops they replace (every backend; `?kernels=reference` forces them on webgpu, for
// comparison and debugging). The model calls the same paper-named layers either way.
import * as tf from '@tensorflow/tfjs';

/** 'fused': the WGSL kernels, a training step recorded once and replayed (recordedDispatches.ts); 'taped': the
 *  same kernels with every step through tfjs's gradient tape (`?kernels=taped`, to compare or to debug the
 *  record); 'reference': tfjs's own ops. */
export type KernelMode = 'fused' | 'taped' | 'reference';

let requested: KernelMode = 'fused';

export function setKernelMode(mode: KernelMode): void {
  requested = mode;
}

export function requestedKernelMode(): KernelMode {
  return requested;
}

/** True when the fused kernels run: requested, and the active backend is webgpu. */
export function useFusedKernels(): boolean {
  return requested !== 'reference' && tf.getBackend() === 'webgpu';
}

/** True when training steps are recorded and replayed (the fused kernels, not asked to run through the tape). */
export function recordsSteps(): boolean {
  return requested === 'fused' && useFusedKernels();
}
