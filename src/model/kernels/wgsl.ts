// WGSL pieces shared by the fused kernels (each kernel file holds its own shader; these are the common idioms).
import { WORKGROUP_SIZE } from './gpuDispatch';

/** Tree sum over one workgroup of `threads` threads (a power of 2); every thread gets the total. Uses `partial`. */
export function workgroupSum(threads: number): string {
  return /* wgsl */ `
var<workgroup> partial: array<f32, ${threads}>;
fn workgroupSum(value: f32, lid: u32) -> f32 {
  partial[lid] = value;
  workgroupBarrier();
  for (var stride = ${threads / 2}u; stride > 0u; stride = stride >> 1u) {
    if (lid < stride) { partial[lid] = partial[lid] + partial[lid + stride]; }
    workgroupBarrier();
  }
  let total = partial[0];
  workgroupBarrier();
  return total;
}`;
}

/** workgroupSum() for a workgroup of WORKGROUP_SIZE threads. */
export const WORKGROUP_SUM = workgroupSum(WORKGROUP_SIZE);

/** The entry point of a kernel with one thread per element: `body` runs with `j` = 0..count-1. Dispatch it
 *  with workgroupsFor(count) (2-D past 65,535 workgroups, hence the row term). */
export function elementwiseMain(count: number, body: string): string {
  return /* wgsl */ `
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let j = (wid.y * groups.x + wid.x) * ${WORKGROUP_SIZE}u + lid;
  if (j >= ${count}u) { return; }
  ${body}
}`;
}

/** The entry point of a kernel with one workgroup of `threads` threads per channel `c` of C channels holding N
 *  values each (NHWC: value i of channel c is at i * C + c), with workgroupSum() and T (= threads, the stride of
 *  a thread's loop over the channel) at hand. Dispatch it with [C] workgroups. */
export function perChannelMain(channels: number, count: number, threads: number, body: string): string {
  return /* wgsl */ `
const C = ${channels}u;
const N = ${count}u;
const T = ${threads}u;
${workgroupSum(threads)}
@compute @workgroup_size(${threads})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let c = wid.x;
  ${body}
}`;
}

/** f32 literal for WGSL (always with a decimal point or exponent). */
export function f32(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite WGSL constant: ${value}`);
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

export type Binding = readonly [name: string, access: 'read' | 'read_write'] | false;

/** `@group(0) @binding(i) var<storage, access> name: array<f32>;` for each binding that is not `false`,
 *  numbered in order: the order of the tensors passed to dispatch(). */
export function storageBindings(bindings: readonly Binding[]): string {
  return bindings
    .filter((b): b is readonly [string, 'read' | 'read_write'] => b !== false)
    .map(([name, access], i) => `@group(0) @binding(${i}) var<storage, ${access}> ${name}: array<f32>;`)
    .join('\n');
}
