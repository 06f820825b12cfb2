// SGD with momentum and L2 weight decay, PyTorch's semantics, updating parameters and momentum buffers IN
// PLACE, two parameter tensors per dispatch:
//   d = g + weightDecay * p (decayed tensors only);  buf = momentum * buf + d;  p = p - lr * buf
// REPLACES (reference ops, src/engine/sgd.ts): per tensor mul + add (decay), mul + add (momentum), mul + sub
// (update) and 3 scalars uploaded from JS numbers every step: 4-6 dispatches per tensor.
// HERE: 1 dispatch per PAIR of tensors (3 bindings each + the hyper-parameters: 7 of WebGPU's 8 storage
// buffers per shader), and no upload but the [lr, momentum, weightDecay] tensor when the lr changes.
import * as tf from '@tensorflow/tfjs';
import { dispatch, workgroupsFor, type GpuKernel } from './gpuDispatch';
import { elementwiseMain } from './wgsl';

export interface SgdTensor {
  parameter: tf.Variable;
  buffer: tf.Variable;
  gradient: tf.Tensor;
  decay: boolean;
}

function kernel(sizes: number[], decays: boolean[]): GpuKernel {
  const declarations: string[] = [];
  const updates: string[] = [];
  sizes.forEach((size, t) => {
    const at = 3 * t;
    declarations.push(
      `@group(0) @binding(${at}) var<storage, read_write> p${t}: array<f32>;`,
      `@group(0) @binding(${at + 1}) var<storage, read_write> buf${t}: array<f32>;`,
      `@group(0) @binding(${at + 2}) var<storage, read> g${t}: array<f32>;`,
    );
    updates.push(`
  if (j < ${size}u) {
    let d = ${decays[t] ? `g${t}[j] + weightDecay * p${t}[j]` : `g${t}[j]`};
    let b = momentum * buf${t}[j] + d;
    buf${t}[j] = b;
    p${t}[j] = p${t}[j] - lr * b;
  }`);
  });
  const hyper = 3 * sizes.length;
  const largest = Math.max(...sizes);
  return {
    name: 'SgdMomentumUpdate',
    key: `${sizes.join(',')}|${decays.join(',')}`,
    workgroups: workgroupsFor(largest),
    wgsl: () => /* wgsl */ `
${declarations.join('\n')}
@group(0) @binding(${hyper}) var<storage, read> hyper: array<f32>; // lr, momentum, weightDecay
${elementwiseMain(largest, /* wgsl */ `
  let lr = hyper[0];
  let momentum = hyper[1];
  let weightDecay = hyper[2];
  ${updates.join('\n')}`)}`,
  };
}

/** Applies one step to every tensor, two per dispatch. `hyper` = [lr, momentum, weightDecay] (float32 [3]). */
export function sgdUpdateFused(tensors: readonly SgdTensor[], hyper: tf.Tensor1D): void {
  for (let start = 0; start < tensors.length; start += 2) {
    const group = tensors.slice(start, start + 2);
    const bindings = group.flatMap((t) => [t.parameter, t.buffer, t.gradient]);
    const k = kernel(
      group.map((t) => t.parameter.size),
      group.map((t) => t.decay),
    );
    dispatch(k, [...bindings, hyper], group.flatMap((t) => [t.parameter, t.buffer]));
  }
}
