// The JSON exchanged with torch_reference.py. Tensors are flat row-major arrays in the tfjs layouts
// (NHWC activations, HWIO conv kernels, [in, out] FC kernel); the Python side converts to and from
// PyTorch's NCHW / OIHW / [out, in]. float32 values survive JSON exactly (a double holds every float32).
import type * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../src/config';

export interface TensorJson {
  shape: number[];
  data: number[];
}

/** By parameter name ('stage2/block0/conv1') or BN statistic name ('stem/bn/runningMean'). */
export type NamedTensors = Record<string, TensorJson>;

/** Everything both implementations compute for one micro network and one batch, in this order:
 *  step 1 forward (train mode) + backward; eval-mode forward; SGD step; step 2 forward + backward; SGD step. */
export interface StepResults {
  trainLogits: TensorJson;
  loss: number;
  gradients: NamedTensors;
  statisticsAfterStep1: NamedTensors;
  /** Step 1's diagnostics (src/diagnostics/diagnostics.ts), one scalar per layer: ||grad|| by gradient row
   *  ('stem/conv', 'stem/bn' = gamma and beta, 'fc' = kernel and bias), and the std of each main-path BN's
   *  train-mode output, before the ReLU and the addition (Fig. 7), by BN name. */
  gradientNorms: NamedTensors;
  responseStds: NamedTensors;
  /** With the weights before any SGD step and the running statistics after the step-1 forward. */
  evalLogits: TensorJson;
  parametersAfterStep1: NamedTensors;
  /** Eval mode after the first SGD step (what a test evaluation after step 1 computes); the tfjs side only. */
  evalLogitsAfterStep1?: TensorJson;
  loss2: number;
  gradientsStep2: NamedTensors;
  parametersAfterStep2: NamedTensors;
  statisticsAfterStep2: NamedTensors;
}

export interface Hyperparameters {
  learningRate: number;
  momentum: number;
  weightDecay: number;
}

/** What the Python script reads. `tfjs` is there for the record (and for debugging by hand). */
export interface ReferenceInput {
  config: ModelConfig;
  seed: number;
  hyper: Hyperparameters;
  x: TensorJson;
  labels: number[];
  parameters: { name: string; decay: boolean; value: TensorJson }[];
  statistics: NamedTensors;
  tfjs: StepResults;
}

export async function tensorJson(t: tf.Tensor): Promise<TensorJson> {
  return { shape: [...t.shape], data: Array.from(await t.data()) };
}
