// NetworkOps (ops.ts) as tfjs's own ops: what the WGSL kernels are tested against, and what every backend runs.
// Numbers follow PyTorch, the reference this project is tested against (tests/reference/).
import * as tf from '@tensorflow/tfjs';
import { BN_EPSILON, BN_MOMENTUM } from './batchNormConstants';
import { applyEpilogue } from './epilogue';
import type { BatchNormTensors, NetworkOps } from './ops';

/** The (N, H, W) axes of an NHWC tensor: BN normalises each channel over the batch and the whole map. */
const PER_CHANNEL_AXES = [0, 1, 2];

function normalize(x: tf.Tensor4D, mean: tf.Tensor1D, variance: tf.Tensor1D, bn: BatchNormTensors): tf.Tensor4D {
  return tf.batchNorm(x, mean, variance, bn.beta as tf.Tensor1D, bn.gamma as tf.Tensor1D, BN_EPSILON);
}

/** (1 - momentum) * running + momentum * batch. */
function blend(running: tf.Tensor, batch: tf.Tensor): tf.Tensor {
  return tf.add(tf.mul(running, 1 - BN_MOMENTUM), tf.mul(batch, BN_MOMENTUM));
}

export const REFERENCE_OPS: NetworkOps = {
  kind: 'reference',
  batchNormTrain(x, bn, then, tap) {
    // tf.moments is built from differentiable ops, so gradients also flow through the batch statistics, as they
    // must for BN (and as PyTorch computes them).
    const { mean, variance } = tf.moments(x, PER_CHANNEL_AXES);
    const count = x.size / x.shape[3];
    if (count < 2) throw new Error('Batch norm in train mode needs more than one value per channel');
    // PyTorch's running statistics: momentum 0.1, the UNBIASED batch variance. The assignments take effect at once,
    // also inside tf.variableGrads (they are not on the path to the loss, so they add no gradient).
    tf.tidy(() => {
      bn.runningMean.assign(blend(bn.runningMean, mean));
      bn.runningVariance.assign(blend(bn.runningVariance, tf.mul(variance, count / (count - 1))));
    });
    const output = normalize(x, mean as tf.Tensor1D, variance as tf.Tensor1D, bn);
    tap?.recorder.response(tap.layer, output);
    return applyEpilogue(output, then);
  },
  batchNormEval: (x, bn, then) => applyEpilogue(normalize(x, bn.runningMean as tf.Tensor1D, bn.runningVariance as tf.Tensor1D, bn), then),
  globalAveragePool: (x) => tf.mean(x, [1, 2]) as tf.Tensor2D,
  linear: (x, kernel, bias) => tf.add(tf.matMul(x, kernel), bias),
  zeroPadShortcut(x, stride, outChannels) {
    // tf.stridedSlice has no gradient in tfjs 4.22, so the subsampling is an average pool over a 1x1 window with
    // stride 2 (averaging one value changes nothing; it does have a gradient).
    const subsampled = stride === 1 ? x : tf.avgPool(x, 1, stride, 'valid');
    const extraChannels = outChannels - x.shape[3];
    return extraChannels === 0 ? subsampled : tf.pad(subsampled, [[0, 0], [0, 0], [0, 0], [0, extraChannels]]);
  },
  crossEntropy: (logits, labels) =>
    tf.tidy(() => {
      const classes = logits.shape[1];
      const logProbabilities = tf.logSoftmax(logits);
      const picked = tf.sum(tf.mul(tf.oneHot(labels, classes), logProbabilities), 1); // log p(label) per image
      return tf.neg(tf.mean(picked)) as tf.Scalar;
    }),
};
