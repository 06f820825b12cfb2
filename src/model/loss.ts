import * as tf from '@tensorflow/tfjs';
import { useFusedKernels } from './kernels/kernelMode';
import { softmaxCrossEntropyFused } from './kernels/softmaxCrossEntropy';

/** Softmax cross-entropy averaged over the batch (§4.2's "softmax" output with the usual log loss; equals
 *  PyTorch's F.cross_entropy with reduction 'mean'). labels: int32 class indices [B]. One fused kernel each way
 *  on WebGPU (kernels/softmaxCrossEntropy.ts), the reference ops below elsewhere. */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  if (useFusedKernels()) return softmaxCrossEntropyFused(logits, labels);
  return tf.tidy(() => {
    const classes = logits.shape[1];
    const logProbabilities = tf.logSoftmax(logits);
    const picked = tf.sum(tf.mul(tf.oneHot(labels, classes), logProbabilities), 1); // log p(label) per image
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}

/** How many images the logits classify correctly (argmax equals the label), as a float32 scalar so that it
 *  can be summed on the device across steps and read back rarely. Ties go to the lowest class index. */
export function countCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar);
}
