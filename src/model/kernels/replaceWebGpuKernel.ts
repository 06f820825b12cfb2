// Puts a WGSL kernel in the place of one of tfjs's own webgpu kernels, by name, so that every op that runs the
// kernel (the model's tf.conv2d, tfjs's gradient of it) gets the fused version without the model changing.
// tfjs's kernel stays reachable: it runs for ?kernels=reference and for any input the fused one declines.
import * as tf from '@tensorflow/tfjs';
import { requestedKernelMode } from './kernelMode';

export type KernelArgs = Parameters<tf.KernelFunc>[0];

/** `fused` returns its output, or null to hand these inputs to tfjs's kernel. Idempotent per kernel name;
 *  does nothing while the webgpu backend is not loaded. */
export function replaceWebGpuKernel(kernelName: string, fused: (args: KernelArgs) => tf.TensorInfo | null): void {
  if (replaced.has(kernelName)) return;
  const original = tf.getKernel(kernelName, 'webgpu');
  if (!original) return;
  replaced.add(kernelName);
  tf.unregisterKernel(kernelName, 'webgpu');
  tf.registerKernel({
    kernelName,
    backendName: 'webgpu',
    kernelFunc: (args) => (requestedKernelMode() !== 'reference' ? fused(args) : null) ?? original.kernelFunc(args),
  });
}

const replaced = new Set<string>();
