import type * as tf from '@tensorflow/tfjs';

/**
 * Takes note of each main-path batch norm's response during one training forward pass (Fig. 7: "the outputs
 * of each 3x3 layer, after BN and before other nonlinearity (ReLU/addition)"). Layers are numbered in forward
 * order from 0 (the first layer), as DiagnosticsLayout.responseLayers lists them.
 */
export interface ResponseRecorder {
  /** With the fused kernels: the batch statistics the BN kernel wrote ([3, C]: mean, invstd, gamma), and beta.
   *  Valid only during the call (the caller may dispose them after). */
  statistics(layer: number, stats: tf.TensorInfo, beta: tf.Tensor1D): void;
  /** With the reference ops: the BN's output itself, before the epilogue. */
  response(layer: number, output: tf.Tensor4D): void;
}
