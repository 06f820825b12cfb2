// The sum of squares of each gradient tensor, written into chosen slots of one diagnostics buffer, so the
// per-layer gradient norms (§4.1: "healthy norms" with BN) cost a few dispatches per SAMPLED step and come
// back with the training metrics' read (src/engine/diagnosticsProbe.ts).
// REPLACES (reference ops, diagnosticsProbe.ts's tfjs path): per tensor square + sum, then a stack of the
// scalars and an assign: 2 dispatches per tensor plus the stack (~350 for ResNet-56).
// HERE: 1 dispatch per group of up to 6 tensors (6 bindings + their slots + the output: WebGPU's 8 storage
// buffers per shader); workgroup t reduces tensor t alone (a conv's gradient is at most 64x64x3x3 = 36,864 values, so one
// workgroup looping over it is enough for a sample taken every few steps). The slots come in a small int32
// tensor made once, not baked into the shader, so groups of equal sizes share one pipeline (a ResNet-56 needs
// a handful, not one per group).
import * as tf from '@tensorflow/tfjs';
import { dispatch, WORKGROUP_SIZE, type GpuKernel } from './gpuDispatch';
import { WORKGROUP_SUM } from './wgsl';

/** Tensors per dispatch: 6 inputs, their slots and the output fill the 8 storage bindings a shader may use. */
export const TENSORS_PER_DISPATCH = 6;

function kernel(sizes: readonly number[]): GpuKernel {
  const inputs = sizes.map((_, t) => `@group(0) @binding(${t}) var<storage, read> g${t}: array<f32>;`);
  const branches = sizes.map(
    (size, t) => /* wgsl */ `
  if (wid.x == ${t}u) {
    for (var i = lid; i < ${size}u; i = i + ${WORKGROUP_SIZE}u) { let v = g${t}[i]; sum = sum + v * v; }
    slot = u32(slots[${t}]);
  }`,
  );
  return {
    name: 'GradientSumsOfSquares',
    key: sizes.join(','),
    workgroups: [sizes.length],
    wgsl: () => /* wgsl */ `
${inputs.join('\n')}
@group(0) @binding(${sizes.length}) var<storage, read> slots: array<i32>;
@group(0) @binding(${sizes.length + 1}) var<storage, read_write> out: array<f32>;
${WORKGROUP_SUM}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  var sum = 0.0;
  var slot = 0u;
  ${branches.join('')}
  // Every thread of the workgroup takes part in the reduction (it has barriers), whichever branch it took.
  let total = workgroupSum(sum, lid);
  if (lid == 0u) { out[slot] = total; }
}`,
  };
}

/** The int32 slot tensors gradientSumsOfSquaresFused needs for `slots` (one per group of
 *  TENSORS_PER_DISPATCH): made once by the caller, who keeps and disposes them. */
export function slotGroups(slots: readonly number[]): tf.Tensor1D[] {
  const groups: tf.Tensor1D[] = [];
  for (let start = 0; start < slots.length; start += TENSORS_PER_DISPATCH) {
    groups.push(tf.tensor1d(slots.slice(start, start + TENSORS_PER_DISPATCH), 'int32'));
  }
  return groups;
}

/** out[slot of tensor i] = sum of squares of tensors[i], for every i (out: float32, modified in place);
 *  `slotTensors` = slotGroups(slots). */
export function gradientSumsOfSquaresFused(tensors: readonly tf.Tensor[], slotTensors: readonly tf.Tensor1D[], out: tf.Variable): void {
  if (slotTensors.length !== Math.ceil(tensors.length / TENSORS_PER_DISPATCH)) throw new Error('gradientSumsOfSquaresFused: one slot group per group of tensors');
  slotTensors.forEach((slots, g) => {
    const group = tensors.slice(g * TENSORS_PER_DISPATCH, (g + 1) * TENSORS_PER_DISPATCH);
    if (slots.size !== group.length) throw new Error('gradientSumsOfSquaresFused: one slot per tensor');
    dispatch(kernel(group.map((t) => t.size)), [...group, slots, out], [out]);
  });
}
