// SGD with momentum and L2 weight decay, PyTorch's semantics, updating parameters and momentum buffers IN
// PLACE, two parameter tensors per dispatch:
//   d = g + weightDecay * p (decayed tensors only);  buf = momentum * buf + d;  p = p - lr * buf
// REPLACES (reference ops, src/engine/sgd.ts): per tensor mul + add (decay), mul + add (momentum), mul + sub
// (update) and 3 scalars uploaded from JS numbers every step: 4-6 dispatches per tensor.
// HERE: 1 dispatch per PAIR of tensors (3 bindings each + the hyper-parameters: 7 of WebGPU's 8 storage
// buffers per shader), and no upload but the [lr, momentum, weightDecay] tensor when the lr changes.
import * as tf from '@tensorflow/tfjs';
import { dispatch, WORKGROUP_SIZE, workgroupsFor, type GpuKernel } from './gpuDispatch';
import { FLAT_INDEX } from './wgsl';

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
  if (i < ${size}u) {
    let d = ${decays[t] ? `g${t}[i] + weightDecay * p${t}[i]` : `g${t}[i]`};
    let b = momentum * buf${t}[i] + d;
    buf${t}[i] = b;
    p${t}[i] = p${t}[i] - lr * b;
  }`);
  });
  const hyper = 3 * sizes.length;
  return {
    name: 'SgdMomentumUpdate',
    key: `${sizes.join(',')}|${decays.join(',')}`,
    workgroups: workgroupsFor(Math.max(...sizes)),
    wgsl: /* wgsl */ `
${declarations.join('\n')}
@group(0) @binding(${hyper}) var<storage, read> hyper: array<f32>; // lr, momentum, weightDecay
${FLAT_INDEX}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = flatIndex(wid, groups, lid);
  let lr = hyper[0];
  let momentum = hyper[1];
  let weightDecay = hyper[2];
  ${updates.join('\n')}
}`,
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
