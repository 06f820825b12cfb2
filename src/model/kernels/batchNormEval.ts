// Batch norm in evaluation mode (running statistics) with its epilogue: y = act(BN(x) + add).
// REPLACES (reference ops): tf.batchNorm with the running statistics, tf.add, tf.relu: 3 dispatches per layer.
// HERE: 1 elementwise dispatch. No gradient: evaluation never records one.
import * as tf from '@tensorflow/tfjs';
import { BN_EPSILON } from '../batchNormConstants';
import type { Epilogue } from '../epilogue';
import { allocate, asTensor, dispatch, workgroupsFor, type GpuKernel } from './gpuDispatch';
import { elementwiseMain, f32, storageBindings } from './wgsl';

function kernel(size: number, channels: number, relu: boolean, add: boolean): GpuKernel {
  return {
    name: 'BatchNormEval',
    key: `${size}|${channels}|${relu}|${add}`,
    workgroups: workgroupsFor(size),
    wgsl: () => /* wgsl */ `
${storageBindings([['x', 'read'], ['gamma', 'read'], ['beta', 'read'], add && ['shortcut', 'read'], ['runningMean', 'read'], ['runningVariance', 'read'], ['y', 'read_write']])}
${elementwiseMain(size, /* wgsl */ `
  let c = j % ${channels}u;
  var z = (x[j] - runningMean[c]) * inverseSqrt(runningVariance[c] + ${f32(BN_EPSILON)}) * gamma[c] + beta[c];
  ${add ? 'z = z + shortcut[j];' : ''}
  ${relu ? 'z = max(z, 0.0);' : ''}
  y[j] = z;`)}`,
  };
}

export function batchNormEvalFused(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  runningMean: tf.Tensor1D,
  runningVariance: tf.Tensor1D,
  epilogue: Epilogue,
): tf.Tensor4D {
  const y = allocate(x.shape);
  const add = epilogue.add !== undefined;
  dispatch(kernel(x.size, x.shape[3], epilogue.relu, add), [x, gamma, beta, ...(add ? [epilogue.add!] : []), runningMean, runningVariance, y]);
  return asTensor<tf.Rank.R4>(y);
}
