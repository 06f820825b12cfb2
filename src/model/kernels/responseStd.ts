// The std of a batch norm's output over the whole batch (all images, positions and channels), before the ReLU
// and the addition: one point of Fig. 7, computed from the batch statistics the fused BN already wrote, with
// no second pass over the feature map.
// Why that is exact: in training mode channel c's output z = (x - mean_c) * invstd_c * gamma_c + beta_c has
// mean beta_c and (biased) variance gamma_c^2 * var_c * invstd_c^2 = gamma_c^2 * (1 - eps * invstd_c^2), as
// invstd_c^2 = 1 / (var_c + eps). Over all C channels (equal counts each), by the law of total variance:
//   Var(z) = mean_c(gamma_c^2 * (1 - eps * invstd_c^2)) + mean_c(beta_c^2) - mean_c(beta_c)^2.
// REPLACES (reference ops, diagnosticsProbe.ts's tfjs path): tf.moments over the BN's output (a full read of
// a [B,H,W,C] tensor, several dispatches) and a sqrt, per layer.
// HERE: 1 dispatch of one workgroup per layer, reading 4C numbers. The slot comes in a one-int tensor made
// once per layer, so layers of equal width share one pipeline (three for the paper's nets).
import type * as tf from '@tensorflow/tfjs';
import { BN_EPSILON } from '../batchNormConstants';
import { dispatch, WORKGROUP_SIZE, type GpuKernel } from './gpuDispatch';
import { f32, WORKGROUP_SUM } from './wgsl';

function kernel(channels: number): GpuKernel {
  return {
    name: 'ResponseStd',
    key: `${channels}`,
    workgroups: [1],
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> stats: array<f32>; // [mean, invstd, gamma] x C (batchNormTrain.ts)
@group(0) @binding(1) var<storage, read> beta: array<f32>;
@group(0) @binding(2) var<storage, read> slot: array<i32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
${WORKGROUP_SUM}
const C = ${channels}u;
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(local_invocation_index) lid: u32) {
  var withinChannels = 0.0;
  var betaSum = 0.0;
  var betaSquares = 0.0;
  for (var c = lid; c < C; c = c + ${WORKGROUP_SIZE}u) {
    let invstd = stats[C + c];
    let gamma = stats[2u * C + c];
    withinChannels = withinChannels + gamma * gamma * max(0.0, 1.0 - ${f32(BN_EPSILON)} * invstd * invstd);
    betaSum = betaSum + beta[c];
    betaSquares = betaSquares + beta[c] * beta[c];
  }
  let within = workgroupSum(withinChannels, lid) / f32(C);
  let betaMean = workgroupSum(betaSum, lid) / f32(C);
  let between = workgroupSum(betaSquares, lid) / f32(C) - betaMean * betaMean;
  if (lid == 0u) { out[slot[0]] = sqrt(max(0.0, within + between)); }
}`,
  };
}

/** out[slot[0]] = std of the BN output whose batch statistics are `stats` ([3, C]: mean, invstd, gamma);
 *  `slot`: an int32 tensor of one element. */
export function responseStdFused(stats: tf.TensorInfo, beta: tf.TensorInfo, slot: tf.TensorInfo, out: tf.Variable): void {
  const channels = beta.shape[0];
  dispatch(kernel(channels), [stats, beta, slot, out], [out]);
}
