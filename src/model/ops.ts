// The operations of a network that have two implementations: this project's WGSL kernels (WebGPU only) or the
// reference tfjs ops they replace (every backend, and `?kernels=reference`). One of the two is chosen once per
// engine (currentOps) and handed to the network builder, the optimizer, the metrics and the input; the layers
// call it without knowing which it is, and still read like the paper (y = relu(F(x) + x), block.ts).
// Convolutions are not here: tf.conv2d reaches the WGSL kernels through tfjs's kernel registry
// (kernels/installKernels.ts), as tfjs-backend-webgpu keeps its own kernels apart from the ops.
import type * as tf from '@tensorflow/tfjs';
import type { Epilogue } from './epilogue';
import { useFusedKernels } from './kernels/kernelMode';
import { FUSED_OPS } from './fusedOps';
import { REFERENCE_OPS } from './referenceOps';
import type { ResponseRecorder } from './responseRecorder';

/** A batch norm's tensors: gamma, beta (trainable), the running mean and variance (updated in training mode). */
export interface BatchNormTensors {
  gamma: tf.Variable;
  beta: tf.Variable;
  runningMean: tf.Variable;
  runningVariance: tf.Variable;
}

/** Fig. 7's tap on one batch norm: where to report its response, as layer `layer`. */
export interface ResponseTap {
  recorder: ResponseRecorder;
  layer: number;
}

export interface NetworkOps {
  /** 'fused': the WGSL kernels; 'reference': tfjs's own ops. */
  readonly kind: 'fused' | 'reference';
  /** then(BN(x)) with the batch's statistics, updating the running ones as PyTorch does (batchNorm.ts). */
  batchNormTrain(x: tf.Tensor4D, bn: BatchNormTensors, then: Epilogue, tap: ResponseTap | null): tf.Tensor4D;
  /** then(BN(x)) with the running statistics. */
  batchNormEval(x: tf.Tensor4D, bn: BatchNormTensors, then: Epilogue): tf.Tensor4D;
  /** [B,H,W,C] -> [B,C]: the mean over the map (§4.2's global average pooling). */
  globalAveragePool(x: tf.Tensor4D): tf.Tensor2D;
  /** x [B,I] times kernel [I,O] plus bias [O] (§4.2's 10-way fully-connected layer). */
  linear(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D;
  /** Option A's shortcut (§3.3): x[:, ::s, ::s, :] with zero channels appended up to outChannels. */
  zeroPadShortcut(x: tf.Tensor4D, stride: 1 | 2, outChannels: number): tf.Tensor4D;
  /** Mean softmax cross-entropy of logits [B,K] against int32 class labels [B] (the fused kernel reads only their
   *  low 4 bits, so the packed image words of kernels/inputBatch.ts serve as labels there). */
  crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar;
}

/** The one place that decides: the WGSL kernels where they run (webgpu backend, not ?kernels=reference). */
export function currentOps(): NetworkOps {
  return useFusedKernels() ? FUSED_OPS : REFERENCE_OPS;
}
