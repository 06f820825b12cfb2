import * as tf from '@tensorflow/tfjs';
import { heNormal } from './initializers';
import type { ParameterStore } from './parameterStore';

export interface ConvSpec {
  kernelSize: 1 | 3;
  inChannels: number;
  outChannels: number;
  stride: 1 | 2;
}

/**
 * A convolution without bias (§3.4: BN follows every conv, so a bias would be cancelled by BN's mean
 * subtraction). Kernel layout HWIO [k, k, C_in, C_out], the tfjs layout.
 */
export class Conv2d {
  readonly kernel: tf.Variable;
  private readonly stride: 1 | 2;
  /** Symmetric zero padding of (k-1)/2 pixels, as PyTorch's padding=1 for 3x3. tfjs's 'same' would pad a
   *  stride-2 layer on the bottom/right only, which shifts its sampling grid by one pixel against the
   *  x[::2] grid of the option-A shortcut and against the PyTorch reference. */
  private readonly padding: number;

  constructor(store: ParameterStore, name: string, spec: ConvSpec) {
    const fanIn = spec.kernelSize * spec.kernelSize * spec.inChannels;
    const shape = [spec.kernelSize, spec.kernelSize, spec.inChannels, spec.outChannels];
    // Conv weights are decayed (§4.2: weight decay 0.0001).
    this.kernel = store.trainable(name, true, (seed) => heNormal(shape, fanIn, seed));
    this.stride = spec.stride;
    this.padding = (spec.kernelSize - 1) / 2;
  }

  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.conv2d(x, this.kernel as tf.Tensor4D, this.stride, this.padding);
  }
}
