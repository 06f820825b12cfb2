// The kernel classes whose implementation is chosen by timing the GPU at hand (kernelChoice.ts), and the contract
// every candidate implementation of a class meets: the same tensors in and out, its own dispatches in between.
// A class's first candidate is the default (kept where nothing was timed: the CPU-tuned register tiles).
import type * as tf from '@tensorflow/tfjs';
import type { ConvGeometry } from './convGeometry';

export interface Implementation<Shape, Tensors> {
  /** Short, stable and URL-safe ('register-tile', 'workgroup-tile'): names the choice in the browser's cache,
   *  the device report and the `?kernel=` URL key. */
  readonly name: string;
  /** One line for the device report: how it computes, and what hardware it suits. */
  readonly description: string;
  /** False for shapes it does not compute (then the class's next candidate does). */
  handles(shape: Shape): boolean;
  /** Records its dispatches (gpuDispatch.ts's dispatch) writing the outputs among `tensors`, which the caller
   *  allocated. Temporaries it allocates it releases after recording their use (backend.disposeData: tfjs frees
   *  them after the submit that uses them). Runs no tfjs op, so a recorded step can replay it. */
  run(shape: Shape, tensors: Tensors): void;
}

/** y = conv(x, filter): x [B,H,W,Ci] NHWC, filter [KH,KW,Ci,Co] HWIO, y [B,OH,OW,Co] (out). */
export interface ConvForwardTensors {
  x: tf.TensorInfo;
  filter: tf.TensorInfo;
  y: tf.TensorInfo;
}
/** dx = d(loss)/dx: dy [B,OH,OW,Co], filter HWIO, dx [B,H,W,Ci] (out). */
export interface ConvInputGradientTensors {
  dy: tf.TensorInfo;
  filter: tf.TensorInfo;
  dx: tf.TensorInfo;
}
/** dw = d(loss)/dfilter: x NHWC, dy [B,OH,OW,Co], dw [KH,KW,Ci,Co] (out). */
export interface ConvFilterGradientTensors {
  x: tf.TensorInfo;
  dy: tf.TensorInfo;
  dw: tf.TensorInfo;
}

/** A batch norm in training mode with its epilogue (batchNormTrain.ts): C channels of N = B*H*W values each. */
export interface BatchNormShape {
  channels: number;
  count: number;
  relu: boolean;
  add: boolean;
}
/** Forward: y = act(BN(x) + shortcut) with batch statistics; runningMean/runningVariance updated in place (PyTorch's
 *  rule: momentum 0.1, unbiased variance); stats (out) = [3, C]: mean, 1/sqrt(biased variance + eps), gamma. */
export interface BatchNormForwardTensors {
  x: tf.TensorInfo;
  gamma: tf.TensorInfo;
  beta: tf.TensorInfo;
  shortcut: tf.TensorInfo | null;
  runningMean: tf.TensorInfo;
  runningVariance: tf.TensorInfo;
  stats: tf.TensorInfo;
  y: tf.TensorInfo;
}
/** Backward: dz = dy masked by y > 0 where relu; dgamma, dbeta, dx (out), and dshortcut (out) = dz where add
 *  and relu (null otherwise). */
export interface BatchNormBackwardTensors {
  dy: tf.TensorInfo;
  y: tf.TensorInfo | null;
  x: tf.TensorInfo;
  stats: tf.TensorInfo;
  dgamma: tf.TensorInfo;
  dbeta: tf.TensorInfo;
  dx: tf.TensorInfo;
  dshortcut: tf.TensorInfo | null;
}

export type ConvForwardImplementation = Implementation<ConvGeometry, ConvForwardTensors>;
export type ConvInputGradientImplementation = Implementation<ConvGeometry, ConvInputGradientTensors>;
export type ConvFilterGradientImplementation = Implementation<ConvGeometry, ConvFilterGradientTensors>;
export type BatchNormForwardImplementation = Implementation<BatchNormShape, BatchNormForwardTensors>;
export type BatchNormBackwardImplementation = Implementation<BatchNormShape, BatchNormBackwardTensors>;
