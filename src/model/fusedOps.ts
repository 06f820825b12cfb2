// NetworkOps (ops.ts) as this project's WGSL kernels, one dispatch or a few per op (src/model/kernels/).
import type * as tf from '@tensorflow/tfjs';
import { batchNormEvalFused } from './kernels/batchNormEval';
import { batchNormTrainFused } from './kernels/batchNormTrain';
import { globalAveragePoolFused } from './kernels/globalAveragePool';
import { linearFused } from './kernels/linear';
import { softmaxCrossEntropyFused } from './kernels/softmaxCrossEntropy';
import { zeroPadShortcutFused } from './kernels/zeroPadShortcut';
import type { NetworkOps } from './ops';

export const FUSED_OPS: NetworkOps = {
  kind: 'fused',
  batchNormTrain(x, bn, then, tap) {
    // Fig. 7's response std comes from the batch statistics the kernel writes (responseStd.ts), not from a copy
    // of the output.
    const beta = bn.beta as tf.Tensor1D;
    const onStatistics = tap ? (stats: tf.TensorInfo) => tap.recorder.statistics(tap.layer, stats, beta) : undefined;
    return batchNormTrainFused(x, bn.gamma as tf.Tensor1D, beta, bn.runningMean, bn.runningVariance, then, onStatistics);
  },
  batchNormEval: (x, bn, then) =>
    batchNormEvalFused(x, bn.gamma as tf.Tensor1D, bn.beta as tf.Tensor1D, bn.runningMean as tf.Tensor1D, bn.runningVariance as tf.Tensor1D, then),
  globalAveragePool: (x) => globalAveragePoolFused(x),
  linear: (x, kernel, bias) => linearFused(x, kernel, bias),
  zeroPadShortcut: (x, stride, outChannels) => zeroPadShortcutFused(x, stride, outChannels),
  crossEntropy: (logits, labels) => softmaxCrossEntropyFused(logits, labels),
};
