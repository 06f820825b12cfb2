// Fused batch norm in training mode, with what follows it in the network folded in:
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
import * as tf from '@tensorflow/tfjs';
import { BN_EPSILON, BN_MOMENTUM } from '../batchNormConstants';
import type { Epilogue } from '../epilogue';
import { allocate, asTensor, dispatch, type GpuKernel } from './gpuDispatch';
import { reductionThreads } from './reductionThreads';
import { f32, perChannelMain, storageBindings } from './wgsl';


interface Shape {
  channels: number;
  /** Values per channel: batch * height * width. */
  count: number;
  relu: boolean;
  add: boolean;
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

/**
 * y = act(BN(x) + add) with batch statistics, updating runningMean / runningVariance in place; differentiable
 * in x, gamma, beta and add. x: [B,H,W,C] NHWC. `onStatistics`, when given, is handed the batch statistics
 * ([3, C]: mean, invstd, gamma) right after the kernel is recorded (for Fig. 7's response std, responseStd.ts).
 */
export function batchNormTrainFused(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  runningMean: tf.Variable,
  runningVariance: tf.Variable,
  epilogue: Epilogue,
  onStatistics?: (stats: tf.TensorInfo) => void,
): tf.Tensor4D {
  const channels = x.shape[3];
  const count = x.size / channels;
  if (count < 2) throw new Error('Batch norm in train mode needs more than one value per channel');
  const shape: Shape = { channels, count, relu: epilogue.relu, add: epilogue.add !== undefined, threads: reductionThreads() };
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [xIn, gammaIn, betaIn, addIn] = args as tf.Tensor[];
    const stats = allocate([3, channels]);
    const y = allocate(xIn.shape);
    const inputs = [xIn, gammaIn, betaIn, ...(addIn ? [addIn] : []), runningMean, runningVariance, stats, y];
    dispatch(forwardKernel(shape), inputs, [runningMean, runningVariance]);
    onStatistics?.(stats);
    const yTensor = asTensor<tf.Rank.R4>(y);
    const statsTensor = asTensor(stats);
    save([xIn, yTensor, statsTensor]);
    statsTensor.dispose(); // save() keeps its own reference while a gradient is being recorded
    return {
      value: yTensor,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xSaved, ySaved, statsSaved] = saved;
        const dgamma = allocate([channels]);
        const dbeta = allocate([channels]);
        const dx = allocate(xSaved.shape);
        const dshortcut = shape.add && shape.relu ? allocate(xSaved.shape) : null;
        const bindings = [dy, ...(shape.relu ? [ySaved] : []), xSaved, statsSaved, dgamma, dbeta, dx, ...(dshortcut ? [dshortcut] : [])];
        dispatch(backwardKernel(shape), bindings);
        const grads = [asTensor(dx), asTensor(dgamma), asTensor(dbeta)];
        // With an addition but no ReLU the shortcut's gradient is dy itself.
        if (shape.add) grads.push(dshortcut ? asTensor(dshortcut) : dy.clone());
        return grads;
      },
    };
  });
  const inputs = [x, gamma, beta, ...(epilogue.add ? [epilogue.add] : [])];
  return op(...inputs) as tf.Tensor4D;
}
