// The residual function F of a block (§3.1): the stacked layers that a residual block adds to x, and that a
// plain block uses on its own. Each 'weighted layer' is conv + BN (ConvBn); ReLU between them.
import * as tf from '@tensorflow/tfjs';
import type { BlockSpec } from './architecture';
import { ConvBn } from './convBn';
import { RELU, type Epilogue } from './epilogue';
import type { Mode } from './layer';
import type { ParameterStore } from './parameterStore';

/** F of a block; `then` is what the block does with F(x): + shortcut and ReLU, or ReLU alone (plain). */
export interface ResidualFunction {
  apply(x: tf.Tensor4D, mode: Mode, then: Epilogue): tf.Tensor4D;
}

/** Layers applied in order with a ReLU between consecutive ones, and `then` after the last (§3.2, Fig. 2:
 *  the second nonlinearity comes after the addition). Each ReLU is fused into the batch norm before it. */
function stackWithRelu(layers: readonly ConvBn[]): ResidualFunction {
  const last = layers.length - 1;
  return {
    apply(x: tf.Tensor4D, mode: Mode, then: Epilogue): tf.Tensor4D {
      return layers.reduce((h, layer, i) => layer.apply(h, mode, i === last ? then : RELU), x);
    },
  };
}

/** §3.3 / Fig. 2 / §4.2: two 3x3 layers, F = BN(conv(relu(BN(conv(x))))); the first carries the stride. */
export function basicResidualFunction(store: ParameterStore, scope: string, block: BlockSpec): ResidualFunction {
  const { inChannels, innerChannels, outChannels, stride } = block;
  return stackWithRelu([
    new ConvBn(store, scope, '1', { kernelSize: 3, inChannels, outChannels: innerChannels, stride }),
    new ConvBn(store, scope, '2', { kernelSize: 3, inChannels: innerChannels, outChannels, stride: 1 }),
  ]);
}

/**
 * EXTENSION (not in the paper's CIFAR runs): the bottleneck of §4.1's deeper ImageNet nets (Fig. 5 right),
 * 1x1 (reduce to innerChannels) - 3x3 (innerChannels, carries the stride) - 1x1 (expand to outChannels =
 * 4 * innerChannels), as in the CIFAR bottleneck ResNets of He et al. 2016. 9n+2 layers.
 */
export function bottleneckResidualFunction(store: ParameterStore, scope: string, block: BlockSpec): ResidualFunction {
  const { inChannels, innerChannels, outChannels, stride } = block;
  return stackWithRelu([
    new ConvBn(store, scope, '1', { kernelSize: 1, inChannels, outChannels: innerChannels, stride: 1 }),
    new ConvBn(store, scope, '2', { kernelSize: 3, inChannels: innerChannels, outChannels: innerChannels, stride }),
    new ConvBn(store, scope, '3', { kernelSize: 1, inChannels: innerChannels, outChannels, stride: 1 }),
  ]);
}
