import * as tf from '@tensorflow/tfjs';
import { BN_EPSILON, BN_MOMENTUM } from './batchNormConstants';
import { IDENTITY, type Epilogue } from './epilogue';
import type { Layer, Mode } from './layer';
import type { NetworkOps, ResponseTap } from './ops';
import type { ParameterStore } from './parameterStore';
import type { ResponseRecorder } from './responseRecorder';

export { BN_EPSILON, BN_MOMENTUM };

/**
 * Batch normalisation (Ioffe & Szegedy 2015), placed "right after each convolution and before activation"
 * (§3.4). Numbers follow PyTorch's nn.BatchNorm2d exactly, the reference this project is tested against:
 * training normalises with the batch mean and the BIASED batch variance (divide by N), while the running
 * variance is fed the UNBIASED one (divide by N-1). Parameters gamma = 1, beta = 0 at start, no weight decay.
 * `then` is what follows in the network (a ReLU, or the residual addition and a ReLU): the network's ops do all
 * of it (ops.ts: one fused kernel on WebGPU, kernels/batchNormTrain.ts; the reference ops, referenceOps.ts).
 */
export class BatchNorm implements Layer {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;
  readonly runningMean: tf.Variable;
  readonly runningVariance: tf.Variable;
  /** Set by the network for a recorded forward pass (Fig. 7); null otherwise. */
  private tap: ResponseTap | null = null;
  private readonly ops: NetworkOps;

  constructor(
    store: ParameterStore,
    readonly name: string,
    channels: number,
  ) {
    this.gamma = store.trainable(`${name}/gamma`, false, () => tf.ones([channels]));
    this.beta = store.trainable(`${name}/beta`, false, () => tf.zeros([channels]));
    this.runningMean = store.statistic(`${name}/runningMean`, tf.zeros([channels]));
    this.runningVariance = store.statistic(`${name}/runningVariance`, tf.ones([channels]));
    this.ops = store.ops;
    store.batchNorms.push(this);
  }

  /** The next training-mode outputs are reported to `recorder` as response layer `layer`, until stopRecording. */
  recordInto(recorder: ResponseRecorder, layer: number): void {
    this.tap = { recorder, layer };
  }

  stopRecording(): void {
    this.tap = null;
  }

  apply(x: tf.Tensor4D, mode: Mode, then: Epilogue = IDENTITY): tf.Tensor4D {
    return mode === 'train' ? this.ops.batchNormTrain(x, this, then, this.tap) : this.ops.batchNormEval(x, this, then);
  }
}
