import * as tf from '@tensorflow/tfjs';
import { currentOps, type NetworkOps } from './ops';

/** Softmax cross-entropy averaged over the batch (§4.2's "softmax" output with the usual log loss; equals
 *  PyTorch's F.cross_entropy with reduction 'mean'). labels: int32 class indices [B]. `ops`: the network's
 *  (one fused kernel each way on WebGPU, kernels/softmaxCrossEntropy.ts; the reference ops in referenceOps.ts). */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, ops: NetworkOps = currentOps()): tf.Scalar {
  return ops.crossEntropy(logits, labels);
}

/** How many images the logits classify correctly (argmax equals the label), as a float32 scalar so that it
 *  can be summed on the device across steps and read back rarely. Ties go to the lowest class index. */
export function countCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar);
}
