import * as tf from '@tensorflow/tfjs';

/**
 * A distinct, reproducible seed for each parameter, from the network seed and the parameter's name (32-bit
 * FNV-1a). Keyed by name rather than by creation order so that parameters shared by two variants (plain vs
 * residual, option A vs B) get identical initial values even when one variant has extra parameters.
 * Never 0: tfjs treats a seed of 0 as "no seed" and falls back to Math.random.
 */
export function parameterSeed(networkSeed: number, parameterName: string): number {
  const text = `${networkSeed}/${parameterName}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash === 0 ? 1 : hash;
}

/**
 * He et al. 2015b ("Delving deep into rectifiers"), the initialisation §3.4 and §4.2 cite: zero-mean normal
 * with std sqrt(2 / fan_in), fan_in = k*k*C_in for a conv kernel. Same as PyTorch's
 * kaiming_normal_(mode='fan_in', nonlinearity='relu'); not truncated.
 */
export function heNormal(shape: number[], fanIn: number, seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed);
}

/**
 * PyTorch's nn.Linear default for both weight and bias: uniform in ±1/sqrt(fan_in) (kaiming_uniform_ with
 * a = sqrt(5) works out to exactly this bound). The paper does not say how its FC layer was initialised;
 * this matches the reference recipe in shared/reference.
 */
export function linearUniform(shape: number[], fanIn: number, seed: number): tf.Tensor {
  const bound = 1 / Math.sqrt(fanIn);
  return tf.randomUniform(shape, -bound, bound, 'float32', seed);
}
