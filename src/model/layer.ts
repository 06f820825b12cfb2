import type * as tf from '@tensorflow/tfjs';

/**
 * The two behaviours of batch normalisation (§3.4 follows Ioffe & Szegedy 2015): 'train' normalises with the
 * statistics of the current mini-batch and updates the running averages; 'eval' uses the running averages.
 * Every other layer ignores the mode.
 */
export type Mode = 'train' | 'eval';

/** One piece of the network: NHWC feature maps in, NHWC feature maps out. */
export interface Layer {
  apply(x: tf.Tensor4D, mode: Mode): tf.Tensor4D;
}
