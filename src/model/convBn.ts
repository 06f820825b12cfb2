import type * as tf from '@tensorflow/tfjs';
import { BatchNorm } from './batchNorm';
import { Conv2d, type ConvSpec } from './conv';
import { IDENTITY, type Epilogue } from './epilogue';
import type { Layer, Mode } from './layer';
import type { ParameterStore } from './parameterStore';

/**
 * One weighted layer as the paper counts depth: a bias-free convolution followed by BN (§3.4), before any
 * nonlinearity or addition. Its output is what Fig. 7 measures ("std of layer responses"), and conv+BN is the
 * natural unit for a fused kernel later. Parameter names: `${scope}/conv${suffix}`, `${scope}/bn${suffix}/...`.
 */
export class ConvBn implements Layer {
  readonly conv: Conv2d;
  readonly bn: BatchNorm;

  constructor(store: ParameterStore, scope: string, suffix: string, spec: ConvSpec) {
    this.conv = new Conv2d(store, `${scope}/conv${suffix}`, spec);
    this.bn = new BatchNorm(store, `${scope}/bn${suffix}`, spec.outChannels);
  }

  /** BN(conv(x)), then `then` (a ReLU, or + shortcut and a ReLU), fused into the BN on WebGPU. */
  apply(x: tf.Tensor4D, mode: Mode, then: Epilogue = IDENTITY): tf.Tensor4D {
    return this.bn.apply(this.conv.apply(x), mode, then);
  }
}
