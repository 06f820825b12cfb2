import * as tf from '@tensorflow/tfjs';
import type { Network } from '../../model/network';

/** Gives every BN a random gamma (in [0.2, 2]) and beta (N(0, 0.5)): at initialisation they are 1 and 0, so
 *  every response std is ~1 and a wrong formula (per channel, after the ReLU) would go unnoticed. */
export function randomizeBatchNorms(network: Network, seed: number): void {
  network.parameters.forEach((p, i) => {
    if (p.name.endsWith('/gamma')) p.variable.assign(tf.randomUniform(p.variable.shape, 0.2, 2, 'float32', seed + i));
    if (p.name.endsWith('/beta')) p.variable.assign(tf.randomNormal(p.variable.shape, 0, 0.5, 'float32', seed + i));
  });
}
