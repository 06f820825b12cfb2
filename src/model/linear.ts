import * as tf from '@tensorflow/tfjs';
import { linearUniform } from './initializers';
import type { NetworkOps } from './ops';
import type { ParameterStore } from './parameterStore';

/** The classifier: "a 10-way fully-connected layer" after global average pooling (§4.2), with bias.
 *  Kernel [in, out]. The kernel is weight-decayed, the bias is not (the reference recipe). */
export class Linear {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
  private readonly ops: NetworkOps;

  constructor(store: ParameterStore, scope: string, inFeatures: number, outFeatures: number) {
    this.kernel = store.trainable(`${scope}/kernel`, true, (seed) =>
      linearUniform([inFeatures, outFeatures], inFeatures, seed),
    );
    this.bias = store.trainable(`${scope}/bias`, false, (seed) => linearUniform([outFeatures], inFeatures, seed));
    this.ops = store.ops;
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.ops.linear(x, this.kernel as tf.Tensor2D, this.bias as tf.Tensor1D);
  }
}
