// Adds a batch's loss and correct predictions to running sums ON THE GPU, in place, so the loop reads two
// numbers back every metrics window instead of syncing each step (DESIGN.md).
// REPLACES (reference ops, src/model/loss.ts countCorrect + src/engine/trainingMetrics.ts): argMax, equal, cast,
// sum, and two adds into the sums: 6 dispatches per step (the loss itself comes from the loss kernel there).
// HERE: 1 dispatch: one workgroup recomputes each image's loss from the logits (10 exps per image: cheaper
// than a second dispatch) and its hit, and adds lossScale * sum(loss) and sum(hits) to sums[0] and sums[1].
// A hit is argmax(logits) == label, ties to the lowest class index as tf.argMax.
import type * as tf from '@tensorflow/tfjs';
import { dispatch, WORKGROUP_SIZE, type GpuKernel } from './gpuDispatch';
import { imageLossSnippet } from './softmaxCrossEntropy';
import { f32, WORKGROUP_SUM } from './wgsl';

function kernel(batch: number, classes: number, lossScale: number): GpuKernel {
  return {
    name: 'AccumulateMetrics',
    key: `${batch}|${classes}|${lossScale}`,
    workgroups: [1],
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> logits: array<f32>;
@group(0) @binding(1) var<storage, read> labels: array<i32>;
@group(0) @binding(2) var<storage, read_write> sums: array<f32>; // [loss, hits]
${WORKGROUP_SUM}
${imageLossSnippet(classes)}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(local_invocation_index) lid: u32) {
  var loss = 0.0;
  var hits = 0.0;
  for (var b = lid; b < ${batch}u; b = b + ${WORKGROUP_SIZE}u) {
    let label = u32(labels[b] & 15);
    loss = loss + imageLoss(b, label);
    var best = 0u;
    for (var k = 1u; k < ${classes}u; k = k + 1u) {
      if (logits[b * ${classes}u + k] > logits[b * ${classes}u + best]) { best = k; }
    }
    hits = hits + select(0.0, 1.0, best == label);
  }
  let lossTotal = workgroupSum(loss, lid);
  let hitTotal = workgroupSum(hits, lid);
  if (lid == 0u) {
    sums[0] = sums[0] + lossTotal * ${f32(lossScale)};
    sums[1] = sums[1] + hitTotal;
  }
}`,
  };
}

/** sums (float32 [2], modified in place) += [lossScale * sum of image losses, correct predictions]. Always +=,
 *  so a recorded step replays one pipeline whatever the window (the metrics zero the sums with a write instead). */
export function accumulateMetricsFused(sums: tf.Variable, logits: tf.Tensor2D, labels: tf.Tensor1D, lossScale: number): void {
  const [batch, classes] = logits.shape;
  dispatch(kernel(batch, classes, lossScale), [logits, labels, sums], [sums]);
}
