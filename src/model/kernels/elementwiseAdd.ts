// a + b for two float32 tensors of one shape: what tfjs's gradient tape runs where a tensor feeds two paths and
// their gradients meet (a residual block's input feeds F and the shortcut, §3.2), and the reference epilogue's add.
// REPLACES (tfjs's own webgpu 'Add' kernel, BinaryOpProgram): the same sum, but through tfjs's per-op path, which a
// recorded training step (recordedDispatches.ts) cannot replay.
// HERE: 1 dispatch, one thread per element, registered in tfjs's place for equal shapes; broadcasting adds and
// other dtypes still go to tfjs's kernel.
import type * as tf from '@tensorflow/tfjs';
import { allocate, dispatch, workgroupsFor, type GpuKernel } from './gpuDispatch';
import { replaceWebGpuKernel } from './replaceWebGpuKernel';
import { elementwiseMain } from './wgsl';

function kernel(size: number): GpuKernel {
  return {
    name: 'ElementwiseAdd',
    key: `${size}`,
    workgroups: workgroupsFor(size),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
${elementwiseMain(size, 'y[j] = a[j] + b[j];')}`,
  };
}

function sameShape(a: tf.TensorInfo, b: tf.TensorInfo): boolean {
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}

/** Registers the kernel as tfjs's Add for the webgpu backend (once). */
export function installElementwiseAdd(): void {
  replaceWebGpuKernel('Add', ({ inputs }) => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || !sameShape(a, b)) return null;
    const size = a.shape.reduce((n, d) => n * d, 1);
    if (size === 0) return null;
    const y = allocate([...a.shape]);
    dispatch(kernel(size), [a, b, y]);
    return y;
  });
}
