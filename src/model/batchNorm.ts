import * as tf from '@tensorflow/tfjs';
import { BN_EPSILON, BN_MOMENTUM } from './batchNormConstants';
import { applyEpilogue, IDENTITY, type Epilogue } from './epilogue';
import { batchNormEvalFused } from './kernels/batchNormEval';
import { batchNormTrainFused } from './kernels/batchNormTrain';
import { useFusedKernels } from './kernels/kernelMode';
import type { Layer, Mode } from './layer';
import type { ParameterStore } from './parameterStore';
import type { ResponseRecorder } from './responseRecorder';

export { BN_EPSILON, BN_MOMENTUM };

/** The (N, H, W) axes of an NHWC tensor: BN normalises each channel over the batch and the whole map. */
const PER_CHANNEL_AXES = [0, 1, 2];

/**
 * Batch normalisation (Ioffe & Szegedy 2015), placed "right after each convolution and before activation"
 * (§3.4). Numbers follow PyTorch's nn.BatchNorm2d exactly, the reference this project is tested against:
 * training normalises with the batch mean and the BIASED batch variance (divide by N), while the running
 * variance is fed the UNBIASED one (divide by N-1). Parameters gamma = 1, beta = 0 at start, no weight decay.
 * `then` is what follows in the network (a ReLU, or the residual addition and a ReLU): on WebGPU one fused
 * kernel does all of it (kernels/batchNormTrain.ts); elsewhere the reference ops below run, then `then`.
 */
export class BatchNorm implements Layer {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;
  readonly runningMean: tf.Variable;
  readonly runningVariance: tf.Variable;
  /** Set by the network for a recorded forward pass (Fig. 7); null otherwise. */
  private tap: { recorder: ResponseRecorder; layer: number } | null = null;

  constructor(
    store: ParameterStore,
    readonly name: string,
    channels: number,
  ) {
    this.gamma = store.trainable(`${name}/gamma`, false, () => tf.ones([channels]));
    this.beta = store.trainable(`${name}/beta`, false, () => tf.zeros([channels]));
    this.runningMean = store.statistic(`${name}/runningMean`, tf.zeros([channels]));
    this.runningVariance = store.statistic(`${name}/runningVariance`, tf.ones([channels]));
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
    if (useFusedKernels()) {
      const gamma = this.gamma as tf.Tensor1D;
      const beta = this.beta as tf.Tensor1D;
      const tap = this.tap;
      const onStatistics = tap ? (stats: tf.TensorInfo) => tap.recorder.statistics(tap.layer, stats, beta) : undefined;
      return mode === 'train'
        ? batchNormTrainFused(x, gamma, beta, this.runningMean, this.runningVariance, then, onStatistics)
        : batchNormEvalFused(x, gamma, beta, this.runningMean as tf.Tensor1D, this.runningVariance as tf.Tensor1D, then);
    }
    const output = this.applyReference(x, mode);
    if (this.tap && mode === 'train') this.tap.recorder.response(this.tap.layer, output);
    return applyEpilogue(output, then);
  }

  private applyReference(x: tf.Tensor4D, mode: Mode): tf.Tensor4D {
    if (mode === 'eval') {
      return this.normalize(x, this.runningMean as tf.Tensor1D, this.runningVariance as tf.Tensor1D);
    }
    // tf.moments is built from differentiable ops, so gradients also flow through the batch statistics,
    // as they must for BN (and as PyTorch computes them).
    const { mean, variance } = tf.moments(x, PER_CHANNEL_AXES);
    this.updateRunningStatistics(mean as tf.Tensor1D, variance as tf.Tensor1D, x.size / x.shape[3]);
    return this.normalize(x, mean as tf.Tensor1D, variance as tf.Tensor1D);
  }

  private normalize(x: tf.Tensor4D, mean: tf.Tensor1D, variance: tf.Tensor1D): tf.Tensor4D {
    return tf.batchNorm(x, mean, variance, this.beta as tf.Tensor1D, this.gamma as tf.Tensor1D, BN_EPSILON);
  }

  /** `count` = N*H*W values per channel. The assignments take effect immediately, also inside
   *  tf.variableGrads (they are not on the path to the loss, so they add no gradient). */
  private updateRunningStatistics(mean: tf.Tensor1D, biasedVariance: tf.Tensor1D, count: number): void {
    if (count < 2) throw new Error('Batch norm in train mode needs more than one value per channel');
    tf.tidy(() => {
      const unbiasedVariance = tf.mul(biasedVariance, count / (count - 1));
      this.runningMean.assign(blend(this.runningMean, mean));
      this.runningVariance.assign(blend(this.runningVariance, unbiasedVariance));
    });
  }
}

/** (1 - momentum) * running + momentum * batch. */
function blend(running: tf.Tensor, batch: tf.Tensor): tf.Tensor {
  return tf.add(tf.mul(running, 1 - BN_MOMENTUM), tf.mul(batch, BN_MOMENTUM));
}
