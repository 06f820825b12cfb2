// Fused batch norm in training mode with each channel's reduction split over many workgroups (a candidate for
// GPUs; batchNormPerChannel.ts is the default), computing exactly what that one does:
//   y = act(BN(x) + shortcut),  act = ReLU or identity, shortcut optional  (§3.2 Eqn. 1, §3.4, Fig. 2)
// REPLACES (as an alternative to 'workgroup-per-channel'): one workgroup per channel reducing all N = B*H*W of
// its values, so a layer runs C = 16-64 workgroups and leaves most of a large GPU idle (ResNet-20 at batch 128:
// 16 workgroups walk 131,072 values each at 32x32x16).
// HERE: 3 dispatches forward, 3 backward. The N rows (pixels) are cut into K chunks of L rows (splitPlan():
// about 2,048 workgroups, 4+ values per thread). Forward: (1) BatchNormSplitStatistics, a K x G grid of
// 256-thread workgroups (G = channel groups of up to 256 channels), each reducing its chunk per channel to a
// mean and M2 (sum of squared deviations from the chunk's mean: two passes within the chunk, which is in cache
// for the second); threads read consecutive channels of a pixel (coalesced), rows strided across the workgroup,
// then a tree over the rows in workgroup memory. (2) BatchNormSplitCombine, one workgroup per channel, merges
// the K chunks with Chan et al.'s formula in two passes (mean = sum n_k mean_k / N; M2 = sum M2_k + n_k
// (mean_k - mean)^2: the two-pass centred variance, to float rounding), writes the stats and updates the
// running statistics. (3) BatchNormSplitNormalize, one thread per element: normalise, shortcut, ReLU.
// Backward: (1) BatchNormSplitBackwardSums, the same grid, per chunk and channel sum(dz) and sum(dz (x - mean));
// (2) BatchNormSplitBackwardCombine, one workgroup per channel, dbeta and dgamma (= invstd * the second sum);
// (3) BatchNormSplitBackwardInput, one thread per element: dx (and the shortcut's gradient).
// Memory traffic is that of the per-channel kernels (x read 3 times forward, dy/x/y twice backward) plus a
// partial buffer of 2*K*C floats (~5% of x at 32x32x16); the cost is 2 more dispatches each way.
// Numbers follow PyTorch's nn.BatchNorm2d (biased variance to normalise, unbiased into the running variance).
import { BN_EPSILON, BN_MOMENTUM } from '../batchNormConstants';
import { allocate, dispatch, release, workgroupsFor, WORKGROUP_SIZE, type GpuKernel } from './gpuDispatch';
import type { BatchNormBackwardImplementation, BatchNormForwardImplementation, BatchNormShape } from './implementation';
import { reductionThreads } from './reductionThreads';
import { elementwiseMain, f32, perChannelMain, storageBindings } from './wgsl';

/** Workgroups the chunked pass aims for (a large GPU holds ~1,000 resident 256-thread workgroups), and the
 *  fewest values of a channel each thread of it reads per pass. */
const TARGET_WORKGROUPS = 2048;
const MIN_VALUES_PER_THREAD = 4;
const MAX_GROUPS_PER_DIMENSION = 65_535;

/** How the chunked passes cut a layer: workgroup (x: chunk k, y: channel group g) of WORKGROUP_SIZE threads,
 *  thread lid on channel g*width + lid % width, row lane lid / width (< rowLanes) of rows k*rows .. +rows. */
export interface SplitPlan {
  /** Channels per workgroup: min(C, 256). */
  width: number;
  /** Row lanes per workgroup: floor(256 / width); threads past width * rowLanes idle. */
  rowLanes: number;
  /** Channel groups: ceil(C / width) (1 up to 256 channels). */
  channelGroups: number;
  /** Rows (pixels) per chunk, a multiple of rowLanes; the last chunk may be shorter. */
  rows: number;
  /** Chunks: ceil(N / rows). */
  chunks: number;
}

/** The chunking for C channels of N values: ~TARGET_WORKGROUPS workgroups, each thread reading at least
 *  MIN_VALUES_PER_THREAD values of its channel per pass (so small layers get fewer, fuller workgroups). */
export function splitPlan(count: number, channels: number): SplitPlan {
  const width = Math.min(channels, WORKGROUP_SIZE);
  const rowLanes = Math.floor(WORKGROUP_SIZE / width);
  const channelGroups = Math.ceil(channels / width);
  const chunkTarget = Math.max(1, Math.floor(TARGET_WORKGROUPS / channelGroups));
  let rows = Math.max(rowLanes * MIN_VALUES_PER_THREAD, Math.ceil(count / chunkTarget), Math.ceil(count / MAX_GROUPS_PER_DIMENSION));
  rows = Math.ceil(rows / rowLanes) * rowLanes;
  return { width, rowLanes, channelGroups, rows, chunks: Math.ceil(count / rows) };
}

interface Shape extends BatchNormShape {
  plan: SplitPlan;
  /** Threads per channel's workgroup in the combining pass (reductionThreads.ts). */
  threads: number;
}

const keyOf = (s: Shape) => `${s.channels}|${s.count}|${s.relu}|${s.add}|${s.plan.width}|${s.plan.rowLanes}|${s.plan.rows}|${s.plan.chunks}|${s.threads}`;

/** The entry point of a chunked pass: `body` runs with k (chunk), c (channel; < C only where `inRange`), r (row
 *  lane), rows start..end of the chunk, and rowSum(value: T, lid, cl, r) -> T, the sum of `value` over the
 *  row lanes of channel c (every thread of the channel gets it; call from uniform control flow). */
function chunkedMain(s: Shape, type: 'f32' | 'vec2<f32>', body: string): string {
  const { width, rowLanes, rows, chunks } = s.plan;
  let lanes = 1;
  while (lanes < rowLanes) lanes *= 2;
  return /* wgsl */ `
const C = ${s.channels}u;
const N = ${s.count}u;
const W = ${width}u;
const R = ${rowLanes}u;
const L = ${rows}u;
const K = ${chunks}u;
var<workgroup> lanes: array<${type}, ${WORKGROUP_SIZE}>;
fn rowSum(value: ${type}, lid: u32, cl: u32, r: u32) -> ${type} {
  lanes[lid] = value;
  workgroupBarrier();
  for (var stride = ${lanes >> 1}u; stride > 0u; stride = stride >> 1u) {
    if (r < stride && r + stride < R) { lanes[lid] = lanes[lid] + lanes[lid + stride * W]; }
    workgroupBarrier();
  }
  let total = lanes[cl];
  workgroupBarrier();
  return total;
}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let k = wid.x;
  let cl = lid % W;
  let r = lid / W;
  let c = wid.y * W + cl;
  let inRange = r < R && c < C;
  let start = k * L;
  let end = min(start + L, N);
  ${body}
}`;
}

/** Bindings: x, parts (out: [2, K*C], chunk means then chunk M2s). */
function statisticsKernel(s: Shape): GpuKernel {
  return {
    name: 'BatchNormSplitStatistics',
    key: keyOf(s),
    workgroups: [s.plan.chunks, s.plan.channelGroups],
    wgsl: () => /* wgsl */ `
${storageBindings([['x', 'read'], ['parts', 'read_write']])}
${chunkedMain(s, 'f32', /* wgsl */ `
  var sum = 0.0;
  if (inRange) { for (var i = start + r; i < end; i = i + R) { sum = sum + x[i * C + c]; } }
  let mean = rowSum(sum, lid, cl, r) / f32(end - start);
  var squares = 0.0;
  if (inRange) { for (var i = start + r; i < end; i = i + R) { let d = x[i * C + c] - mean; squares = squares + d * d; } }
  let m2 = rowSum(squares, lid, cl, r);
  if (r == 0u && c < C) {
    parts[k * C + c] = mean;
    parts[K * C + k * C + c] = m2;
  }`)}`,
  };
}

/** Chunk k's row count, for the combining passes. */
const chunkCount = (s: Shape) => /* wgsl */ `
const K = ${s.plan.chunks}u;
const L = ${s.plan.rows}u;
fn chunkCount(k: u32) -> f32 { return f32(min(L, N - k * L)); }`;

/** Bindings: parts, gamma, runningMean, runningVariance, stats (out: mean, invstd, gamma). */
function combineKernel(s: Shape): GpuKernel {
  const N = s.count;
  return {
    name: 'BatchNormSplitCombine',
    key: keyOf(s),
    workgroups: [s.channels],
    wgsl: () => /* wgsl */ `
${storageBindings([['parts', 'read'], ['gamma', 'read'], ['runningMean', 'read_write'], ['runningVariance', 'read_write'], ['stats', 'read_write']])}
${perChannelMain(s.channels, N, s.threads, /* wgsl */ `
  var sum = 0.0;
  for (var k = lid; k < K; k = k + T) { sum = sum + chunkCount(k) * parts[k * C + c]; }
  let mean = workgroupSum(sum, lid) / f32(N);
  // Chan et al.: the M2 of the union = the chunks' M2s + each chunk's count times its mean's squared offset.
  var squares = 0.0;
  for (var k = lid; k < K; k = k + T) {
    let d = parts[k * C + c] - mean;
    squares = squares + parts[K * C + k * C + c] + chunkCount(k) * d * d;
  }
  let variance = workgroupSum(squares, lid) / f32(N);
  let invstd = inverseSqrt(variance + ${f32(BN_EPSILON)});
  if (lid == 0u) {
    stats[c] = mean;
    stats[C + c] = invstd;
    stats[2u * C + c] = gamma[c];
    runningMean[c] = runningMean[c] * ${f32(1 - BN_MOMENTUM)} + mean * ${f32(BN_MOMENTUM)};
    runningVariance[c] = runningVariance[c] * ${f32(1 - BN_MOMENTUM)} + variance * ${f32(N / (N - 1))} * ${f32(BN_MOMENTUM)};
  }`)}
${chunkCount(s)}`,
  };
}

/** Bindings: x, stats, beta, [shortcut], y (out). */
function normalizeKernel(s: Shape): GpuKernel {
  const elements = s.count * s.channels;
  return {
    name: 'BatchNormSplitNormalize',
    key: keyOf(s),
    workgroups: workgroupsFor(elements),
    wgsl: () => /* wgsl */ `
${storageBindings([['x', 'read'], ['stats', 'read'], ['beta', 'read'], s.add && ['shortcut', 'read'], ['y', 'read_write']])}
const C = ${s.channels}u;
${elementwiseMain(elements, /* wgsl */ `
  let c = j % C;
  var z = (x[j] - stats[c]) * stats[C + c] * stats[2u * C + c] + beta[c];
  ${s.add ? 'z = z + shortcut[j];' : ''}
  ${s.relu ? 'z = max(z, 0.0);' : ''}
  y[j] = z;`)}`,
  };
}

/** dz at element j: the gradient at the normalised output before the ReLU (dy where the ReLU passed). */
const dzOf = (s: Shape) => (s.relu ? 'select(0.0, dy[j], y[j] > 0.0)' : 'dy[j]');

/** Bindings: dy, [y], x, stats, parts (out: [2, K*C], chunk sums of dz then of dz * (x - mean)). */
function backwardSumsKernel(s: Shape): GpuKernel {
  return {
    name: 'BatchNormSplitBackwardSums',
    key: keyOf(s),
    workgroups: [s.plan.chunks, s.plan.channelGroups],
    wgsl: () => /* wgsl */ `
${storageBindings([['dy', 'read'], s.relu && ['y', 'read'], ['x', 'read'], ['stats', 'read'], ['parts', 'read_write']])}
${chunkedMain(s, 'vec2<f32>', /* wgsl */ `
  var sums = vec2<f32>(0.0);
  if (inRange) {
    let mean = stats[c];
    for (var i = start + r; i < end; i = i + R) {
      let j = i * C + c;
      let d = ${dzOf(s)};
      sums = sums + vec2<f32>(d, d * (x[j] - mean));
    }
  }
  let total = rowSum(sums, lid, cl, r);
  if (r == 0u && c < C) {
    parts[k * C + c] = total.x;
    parts[K * C + k * C + c] = total.y;
  }`)}`,
  };
}

/** Bindings: parts, stats, dgamma (out), dbeta (out). */
function backwardCombineKernel(s: Shape): GpuKernel {
  return {
    name: 'BatchNormSplitBackwardCombine',
    key: keyOf(s),
    workgroups: [s.channels],
    wgsl: () => /* wgsl */ `
${storageBindings([['parts', 'read'], ['stats', 'read'], ['dgamma', 'read_write'], ['dbeta', 'read_write']])}
${perChannelMain(s.channels, s.count, s.threads, /* wgsl */ `
  var sumDz = 0.0;
  var sumDzCentred = 0.0;
  for (var k = lid; k < K; k = k + T) {
    sumDz = sumDz + parts[k * C + c];
    sumDzCentred = sumDzCentred + parts[K * C + k * C + c];
  }
  let dBeta = workgroupSum(sumDz, lid);
  let dGamma = workgroupSum(sumDzCentred, lid) * stats[C + c];
  if (lid == 0u) {
    dgamma[c] = dGamma;
    dbeta[c] = dBeta;
  }`)}
const K = ${s.plan.chunks}u;`,
  };
}

/** Bindings: dy, [y], x, stats, dgamma, dbeta, dx (out), [dshortcut (out)]. */
function backwardInputKernel(s: Shape): GpuKernel {
  const elements = s.count * s.channels;
  return {
    name: 'BatchNormSplitBackwardInput',
    key: keyOf(s),
    workgroups: workgroupsFor(elements),
    wgsl: () => /* wgsl */ `
${storageBindings([
  ['dy', 'read'],
  s.relu && ['y', 'read'],
  ['x', 'read'],
  ['stats', 'read'],
  ['dgamma', 'read'],
  ['dbeta', 'read'],
  ['dx', 'read_write'],
  s.add && s.relu && ['dshortcut', 'read_write'],
])}
const C = ${s.channels}u;
const N = ${s.count}u;
${elementwiseMain(elements, /* wgsl */ `
  let c = j % C;
  let invstd = stats[C + c];
  let d = ${dzOf(s)};
  let xhat = (x[j] - stats[c]) * invstd;
  // dx = gamma * invstd / N * (N dz - sum(dz) - xhat * sum(dz * xhat))
  dx[j] = stats[2u * C + c] * invstd / f32(N) * (f32(N) * d - dbeta[c] - xhat * dgamma[c]);
  ${s.add && s.relu ? 'dshortcut[j] = d;' : ''}`)}`,
  };
}

const shapeOf = (shape: BatchNormShape): Shape => ({ ...shape, plan: splitPlan(shape.count, shape.channels), threads: reductionThreads() });

/** Indices stay within u32 (and the partial buffer's rows within one dispatch dimension, by splitPlan). */
const handles = (shape: BatchNormShape) => shape.count * shape.channels < 2 ** 31;

export const splitReductionBatchNormForward: BatchNormForwardImplementation = {
  name: 'split-reduction',
  description: "each channel's values split over ~2,048 workgroups (chunk mean + M2), combined per channel (Chan et al.), then one thread per element: 3 dispatches; for large GPUs",
  handles,
  run(shape, t) {
    const s = shapeOf(shape);
    const partial = allocate([2, s.plan.chunks * s.channels]);
    dispatch(statisticsKernel(s), [t.x, partial]);
    dispatch(combineKernel(s), [partial, t.gamma, t.runningMean, t.runningVariance, t.stats], [t.runningMean, t.runningVariance]);
    release(partial); // freed after the submit that uses it
    dispatch(normalizeKernel(s), [t.x, t.stats, t.beta, ...(s.add && t.shortcut ? [t.shortcut] : []), t.y]);
  },
};

export const splitReductionBatchNormBackward: BatchNormBackwardImplementation = {
  name: 'split-reduction',
  description: "each channel's sum(dz) and sum(dz * xhat) split over ~2,048 workgroups, combined per channel, then one thread per element for dx: 3 dispatches; for large GPUs",
  handles,
  run(shape, t) {
    const s = shapeOf(shape);
    const y = s.relu && t.y ? [t.y] : [];
    const partial = allocate([2, s.plan.chunks * s.channels]);
    dispatch(backwardSumsKernel(s), [t.dy, ...y, t.x, t.stats, partial]);
    dispatch(backwardCombineKernel(s), [partial, t.stats, t.dgamma, t.dbeta]);
    release(partial); // freed after the submit that uses it
    dispatch(backwardInputKernel(s), [t.dy, ...y, t.x, t.stats, t.dgamma, t.dbeta, t.dx, ...(t.dshortcut ? [t.dshortcut] : [])]);
  },
};
