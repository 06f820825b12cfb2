// During a test evaluation: each image's three most likely classes with their softmax probabilities, and the
// batch's confusion counts added to a running 10x10 matrix on the GPU (read once, with the evaluation's
// error), for the per-class accuracy, the confusion matrix and the sample predictions of the diagnostics.
// REPLACES (reference ops, src/engine/evaluationDiagnostics.ts's tfjs path): softmax, topk, concat for the
// top-3; argMax, two oneHots, a transposed matMul and an add for the confusion counts (~8 dispatches a batch).
// HERE: 1 dispatch a batch, one workgroup: thread b ranks image b's classes (ties to the lower class index, as
// tf.argMax), then thread t < 100 counts confusion cell t = (true class, predicted class) over the batch.
// Labels are int32; only their low 4 bits are read (kernels/inputBatch.ts packs the label into bits 0-3).
import type * as tf from '@tensorflow/tfjs';
import { allocate, asTensor, dispatch, WORKGROUP_SIZE, type GpuKernel } from './gpuDispatch';

/** Images per dispatch: their predicted classes fill WebGPU's guaranteed 16 KiB of workgroup memory. */
const MAX_BATCH = 4096;

/** Values per image in the top-3 output: 3 class indices (as floats), then their 3 probabilities. */
export const TOP3_VALUES = 6;

function kernel(batch: number, classes: number, overwrite: boolean): GpuKernel {
  const cells = classes * classes;
  return {
    name: 'EvaluationPredictions',
    key: `${batch}|${classes}|${overwrite}`,
    workgroups: [1],
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> logits: array<f32>;
@group(0) @binding(1) var<storage, read> labels: array<i32>;
@group(0) @binding(2) var<storage, read_write> confusion: array<f32>; // [true * K + predicted]
@group(0) @binding(3) var<storage, read_write> top3: array<f32>; // per image: 3 classes, 3 probabilities
const B = ${batch}u;
const K = ${classes}u;
var<workgroup> predicted: array<u32, ${batch}>;
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(local_invocation_index) lid: u32) {
  for (var b = lid; b < B; b = b + ${WORKGROUP_SIZE}u) {
    var c0 = 0u; var c1 = 0u; var c2 = 0u;
    var v0 = -3.4e38; var v1 = -3.4e38; var v2 = -3.4e38;
    for (var k = 0u; k < K; k = k + 1u) {
      let v = logits[b * K + k];
      if (v > v0) { c2 = c1; v2 = v1; c1 = c0; v1 = v0; c0 = k; v0 = v; }
      else if (v > v1) { c2 = c1; v2 = v1; c1 = k; v1 = v; }
      else if (v > v2) { c2 = k; v2 = v; }
    }
    var total = 0.0;
    for (var k = 0u; k < K; k = k + 1u) { total = total + exp(logits[b * K + k] - v0); }
    let at = b * ${TOP3_VALUES}u;
    top3[at] = f32(c0); top3[at + 1u] = f32(c1); top3[at + 2u] = f32(c2);
    top3[at + 3u] = 1.0 / total; top3[at + 4u] = exp(v1 - v0) / total; top3[at + 5u] = exp(v2 - v0) / total;
    predicted[b] = c0;
  }
  workgroupBarrier();
  if (lid < ${cells}u) {
    let trueClass = lid / K;
    let predictedClass = lid % K;
    var count = 0.0;
    for (var b = 0u; b < B; b = b + 1u) {
      if (u32(labels[b] & 15) == trueClass && predicted[b] == predictedClass) { count = count + 1.0; }
    }
    confusion[lid] = ${overwrite ? '' : 'confusion[lid] + '}count;
  }
}`,
  };
}

/**
 * Adds the batch's confusion counts to `confusion` (float32 [K*K], in place; with `overwrite`, the first batch of
 * an evaluation, = instead of +=) and returns the batch's top-3 as [B, 6]: classes 0-2 then probabilities 0-2.
 */
export function evaluationPredictionsFused(logits: tf.Tensor2D, labels: tf.Tensor1D, confusion: tf.Variable, overwrite: boolean): tf.Tensor2D {
  const [batch, classes] = logits.shape;
  if (classes * classes > WORKGROUP_SIZE) throw new Error(`evaluationPredictionsFused: ${classes} classes need more than one workgroup`);
  // The batch's predictions sit in workgroup memory (4 bytes each): WebGPU guarantees 16 KiB of it.
  if (batch > MAX_BATCH) throw new Error(`evaluationPredictionsFused: batches of at most ${MAX_BATCH} images (evaluate.ts uses 200)`);
  const top3 = allocate([batch, TOP3_VALUES]);
  dispatch(kernel(batch, classes, overwrite), [logits, labels, confusion, top3], [confusion]);
  return asTensor<tf.Rank.R2>(top3);
}
