// Fused batch norm in training mode, one workgroup per channel (the default implementation; batchNormTrain.ts is
// the op), with what follows it in the network folded in:
//   y = act(BN(x) + shortcut),  act = ReLU or identity, shortcut optional  (§3.2 Eqn. 1, §3.4, Fig. 2)
// REPLACES (reference ops, src/model/batchNorm.ts + block.ts): tf.moments (2 means, each transpose + reduce,
// sub, square), tf.batchNorm, 5 muls + 2 adds for the running statistics, tf.add for the shortcut, tf.relu;
// 14 dispatches forward and ~33 backward per layer, plus CPU-built tensors of ones in the mean's gradient.
// HERE: 1 dispatch forward, 1 backward. One workgroup owns one channel: it reduces the channel's N = B*H*W
// values (two passes: mean, then the centred variance, as exact as PyTorch's), updates that channel's running
// statistics, then writes its outputs; the backward reduces sum(dz) and sum(dz * xhat) and writes dx (and the
// shortcut's gradient) in the same way. The cost is parallelism: C workgroups per layer (16 to 64 here), of
// 256 threads on a GPU and 16 on a CPU adapter (reductionThreads.ts).
// Numbers follow PyTorch's nn.BatchNorm2d (biased variance to normalise, unbiased into the running variance).
import { BN_EPSILON, BN_MOMENTUM } from '../batchNormConstants';
import { dispatch, type GpuKernel } from './gpuDispatch';
import type { BatchNormBackwardImplementation, BatchNormForwardImplementation, BatchNormShape } from './implementation';
import { reductionThreads } from './reductionThreads';
import { f32, perChannelMain, storageBindings } from './wgsl';


interface Shape extends BatchNormShape {
  /** Threads per channel's workgroup (reductionThreads.ts). */
  threads: number;
}

/** Bindings: x, gamma, beta, [shortcut], runningMean, runningVariance, stats (out: mean, invstd, gamma), y (out). */
function forwardKernel(s: Shape): GpuKernel {
  const C = s.channels;
  const N = s.count;
  const declarations = storageBindings([
    ['x', 'read'],
    ['gamma', 'read'],
    ['beta', 'read'],
    s.add && ['shortcut', 'read'],
    ['runningMean', 'read_write'],
    ['runningVariance', 'read_write'],
    ['stats', 'read_write'],
    ['y', 'read_write'],
  ]);
  return {
    name: 'BatchNormTrainForward',
    key: `${C}|${N}|${s.relu}|${s.add}|${s.threads}`,
    workgroups: [C],
    wgsl: () => /* wgsl */ `
${declarations}
${perChannelMain(C, N, s.threads, /* wgsl */ `
  var sum = 0.0;
  for (var i = lid; i < N; i = i + T) { sum = sum + x[i * C + c]; }
  let mean = workgroupSum(sum, lid) / f32(N);
  var squares = 0.0;
  for (var i = lid; i < N; i = i + T) { let d = x[i * C + c] - mean; squares = squares + d * d; }
  let variance = workgroupSum(squares, lid) / f32(N);
  let invstd = inverseSqrt(variance + ${f32(BN_EPSILON)});
  if (lid == 0u) {
    stats[c] = mean;
    stats[C + c] = invstd;
    stats[2u * C + c] = gamma[c];
    runningMean[c] = runningMean[c] * ${f32(1 - BN_MOMENTUM)} + mean * ${f32(BN_MOMENTUM)};
    runningVariance[c] = runningVariance[c] * ${f32(1 - BN_MOMENTUM)} + variance * ${f32(N / (N - 1))} * ${f32(BN_MOMENTUM)};
  }
  let g = gamma[c];
  let bias = beta[c];
  for (var i = lid; i < N; i = i + T) {
    let j = i * C + c;
    var z = (x[j] - mean) * invstd * g + bias;
    ${s.add ? 'z = z + shortcut[j];' : ''}
    ${s.relu ? 'z = max(z, 0.0);' : ''}
    y[j] = z;
  }`)}`,
  };
}

/** Bindings: dy, [y], x, stats, dgamma (out), dbeta (out), dx (out), [dshortcut (out)]. */
function backwardKernel(s: Shape): GpuKernel {
  const C = s.channels;
  const N = s.count;
  const declarations = storageBindings([
    ['dy', 'read'],
    s.relu && ['y', 'read'],
    ['x', 'read'],
    ['stats', 'read'],
    ['dgamma', 'read_write'],
    ['dbeta', 'read_write'],
    ['dx', 'read_write'],
    s.add && s.relu && ['dshortcut', 'read_write'],
  ]);
  // dz: the gradient at the normalised output before the ReLU: dy where the ReLU passed its input, else 0.
  const dz = s.relu ? 'select(0.0, dy[j], y[j] > 0.0)' : 'dy[j]';
  return {
    name: 'BatchNormTrainBackward',
    key: `${C}|${N}|${s.relu}|${s.add}|${s.threads}`,
    workgroups: [C],
    wgsl: () => /* wgsl */ `
${declarations}
${perChannelMain(C, N, s.threads, /* wgsl */ `
  let mean = stats[c];
  let invstd = stats[C + c];
  let g = stats[2u * C + c];
  var sumDz = 0.0;
  var sumDzXhat = 0.0;
  for (var i = lid; i < N; i = i + T) {
    let j = i * C + c;
    let d = ${dz};
    sumDz = sumDz + d;
    sumDzXhat = sumDzXhat + d * (x[j] - mean) * invstd;
  }
  let dBeta = workgroupSum(sumDz, lid);
  let dGamma = workgroupSum(sumDzXhat, lid);
  if (lid == 0u) {
    dgamma[c] = dGamma;
    dbeta[c] = dBeta;
  }
  // dx = gamma * invstd / N * (N dz - sum(dz) - xhat * sum(dz * xhat))
  let k = g * invstd / f32(N);
  for (var i = lid; i < N; i = i + T) {
    let j = i * C + c;
    let d = ${dz};
    let xhat = (x[j] - mean) * invstd;
    dx[j] = k * (f32(N) * d - dBeta - xhat * dGamma);
    ${s.add && s.relu ? 'dshortcut[j] = d;' : ''}
  }`)}`,
  };
}

export const batchNormForwardPerChannel: BatchNormForwardImplementation = {
  name: 'workgroup-per-channel',
  description: 'one workgroup per channel reduces it (mean, then centred variance) and writes its outputs: C workgroups per layer (16-64 here)',
  handles: () => true,
  run(shape, t) {
    const s: Shape = { ...shape, threads: reductionThreads() };
    const bindings = [t.x, t.gamma, t.beta, ...(t.shortcut ? [t.shortcut] : []), t.runningMean, t.runningVariance, t.stats, t.y];
    dispatch(forwardKernel(s), bindings, [t.runningMean, t.runningVariance]);
  },
};

export const batchNormBackwardPerChannel: BatchNormBackwardImplementation = {
  name: 'workgroup-per-channel',
  description: 'one workgroup per channel reduces sum(dz) and sum(dz * xhat), then writes dx: C workgroups per layer',
  handles: () => true,
  run(shape, t) {
    const s: Shape = { ...shape, threads: reductionThreads() };
    const bindings = [t.dy, ...(s.relu && t.y ? [t.y] : []), t.x, t.stats, t.dgamma, t.dbeta, t.dx, ...(t.dshortcut ? [t.dshortcut] : [])];
    dispatch(backwardKernel(s), bindings);
  },
};
