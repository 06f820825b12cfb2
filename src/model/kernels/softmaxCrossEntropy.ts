// Softmax cross-entropy averaged over the batch (§4.2's softmax output with the log loss), and its gradient.
// REPLACES (reference ops, src/model/loss.ts): logSoftmax, oneHot, mul, sum, mean, neg forward and their
// gradients backward (~12 dispatches; the mean's gradient uploads a tensor of ones).
// HERE: 1 dispatch forward (one workgroup sums the batch), 1 backward: dlogits = dy * (softmax - onehot) / B.
// Labels are int32; only their low 4 bits are read, so the packed image words of kernels/inputBatch.ts (label
// in bits 0-3) serve as labels directly.
import * as tf from '@tensorflow/tfjs';
import { allocate, asTensor, dispatch, WORKGROUP_SIZE, workgroupsFor, type GpuKernel } from './gpuDispatch';
import { elementwiseMain, f32, WORKGROUP_SUM } from './wgsl';

/** WGSL: -log softmax(logits[b])[label] for image b of a [B, K] logits array named `logits`. */
export function imageLossSnippet(classes: number): string {
  return /* wgsl */ `
fn imageLoss(b: u32, label: u32) -> f32 {
  var top = logits[b * ${classes}u];
  for (var k = 1u; k < ${classes}u; k = k + 1u) { top = max(top, logits[b * ${classes}u + k]); }
  var total = 0.0;
  for (var k = 0u; k < ${classes}u; k = k + 1u) { total = total + exp(logits[b * ${classes}u + k] - top); }
  return log(total) + top - logits[b * ${classes}u + label];
}`;
}

function forward(batch: number, classes: number): GpuKernel {
  return {
    name: 'SoftmaxCrossEntropy',
    key: `${batch}|${classes}`,
    workgroups: [1],
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> logits: array<f32>;
@group(0) @binding(1) var<storage, read> labels: array<i32>;
@group(0) @binding(2) var<storage, read_write> loss: array<f32>;
${WORKGROUP_SUM}
${imageLossSnippet(classes)}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(local_invocation_index) lid: u32) {
  var sum = 0.0;
  for (var b = lid; b < ${batch}u; b = b + ${WORKGROUP_SIZE}u) { sum = sum + imageLoss(b, u32(labels[b] & 15)); }
  let total = workgroupSum(sum, lid);
  if (lid == 0u) { loss[0] = total / ${f32(batch)}; }
}`,
  };
}

function backward(batch: number, classes: number): GpuKernel {
  return {
    name: 'SoftmaxCrossEntropyBackward',
    key: `${batch}|${classes}`,
    workgroups: workgroupsFor(batch * classes),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> logits: array<f32>;
@group(0) @binding(1) var<storage, read> labels: array<i32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> dlogits: array<f32>;
${elementwiseMain(batch * classes, /* wgsl */ `
  let b = j / ${classes}u;
  let k = j % ${classes}u;
  var top = logits[b * ${classes}u];
  for (var m = 1u; m < ${classes}u; m = m + 1u) { top = max(top, logits[b * ${classes}u + m]); }
  var total = 0.0;
  for (var m = 0u; m < ${classes}u; m = m + 1u) { total = total + exp(logits[b * ${classes}u + m] - top); }
  let p = exp(logits[j] - top) / total;
  let isLabel = select(0.0, 1.0, k == u32(labels[b] & 15));
  dlogits[j] = dy[0] * (p - isLabel) / ${f32(batch)};`)}`,
  };
}

/** Mean softmax cross-entropy of logits [B, K] against int32 labels [B]; differentiable in the logits. */
export function softmaxCrossEntropyFused(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  const [batch, classes] = logits.shape;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const loss = allocate([]);
    dispatch(forward(batch, classes), [input, labels, loss]);
    save([input]);
    return {
      value: asTensor<tf.Rank.R0>(loss),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const dlogits = allocate([batch, classes]);
        dispatch(backward(batch, classes), [saved[0], labels, dy, dlogits]);
        return asTensor(dlogits);
      },
    };
  });
  return op(logits) as tf.Scalar;
}
