// The classifier: "a 10-way fully-connected layer" after global average pooling (§4.2), y = x W + bias.
// REPLACES (reference ops, src/model/linear.ts): tf.matMul + tf.add forward; backward two matMuls, a transpose
// and a sum over the batch: 6 dispatches through tfjs's per-op path.
// HERE: 1 dispatch forward (one thread per image and class), 1 backward: threads 0..B*I-1 compute dx, the next
// I*O compute dW, the last O compute dbias, each as one dot product (I = 64, O = 10, B = 128: tiny).
import * as tf from '@tensorflow/tfjs';
import { allocate, asTensor, dispatch, workgroupsFor, type GpuKernel } from './gpuDispatch';
import { elementwiseMain } from './wgsl';

interface Sizes {
  batch: number;
  inputs: number;
  outputs: number;
}

function forward({ batch, inputs, outputs }: Sizes): GpuKernel {
  return {
    name: 'LinearForward',
    key: `${batch}|${inputs}|${outputs}`,
    workgroups: workgroupsFor(batch * outputs),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;
${elementwiseMain(batch * outputs, /* wgsl */ `
  let b = j / ${outputs}u;
  let o = j % ${outputs}u;
  var sum = 0.0;
  for (var i = 0u; i < ${inputs}u; i = i + 1u) { sum = sum + x[b * ${inputs}u + i] * w[i * ${outputs}u + o]; }
  y[j] = sum + bias[o];`)}`,
  };
}

function backward({ batch, inputs, outputs }: Sizes): GpuKernel {
  const dxCount = batch * inputs;
  const dwCount = inputs * outputs;
  return {
    name: 'LinearBackward',
    key: `${batch}|${inputs}|${outputs}`,
    workgroups: workgroupsFor(dxCount + dwCount + outputs),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;
@group(0) @binding(4) var<storage, read_write> dw: array<f32>;
@group(0) @binding(5) var<storage, read_write> dbias: array<f32>;
${elementwiseMain(dxCount + dwCount + outputs, /* wgsl */ `
  var sum = 0.0;
  if (j < ${dxCount}u) { // dx[b, i] = sum over o of dy[b, o] * w[i, o]
    let b = j / ${inputs}u;
    let i = j % ${inputs}u;
    for (var o = 0u; o < ${outputs}u; o = o + 1u) { sum = sum + dy[b * ${outputs}u + o] * w[i * ${outputs}u + o]; }
    dx[j] = sum;
  } else if (j < ${dxCount + dwCount}u) { // dW[i, o] = sum over b of x[b, i] * dy[b, o]
    let k = j - ${dxCount}u;
    let i = k / ${outputs}u;
    let o = k % ${outputs}u;
    for (var b = 0u; b < ${batch}u; b = b + 1u) { sum = sum + x[b * ${inputs}u + i] * dy[b * ${outputs}u + o]; }
    dw[k] = sum;
  } else { // dbias[o] = sum over b of dy[b, o]
    let o = j - ${dxCount + dwCount}u;
    for (var b = 0u; b < ${batch}u; b = b + 1u) { sum = sum + dy[b * ${outputs}u + o]; }
    dbias[o] = sum;
  }`)}`,
  };
}

/** x [B, I] times kernel [I, O] plus bias [O]; differentiable in all three. */
export function linearFused(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  const sizes = { batch: x.shape[0], inputs: x.shape[1], outputs: kernel.shape[1] };
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, w, b] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const y = allocate([sizes.batch, sizes.outputs]);
    dispatch(forward(sizes), [input, w, b, y]);
    save([input, w]);
    return {
      value: asTensor<tf.Rank.R2>(y),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const dx = allocate([sizes.batch, sizes.inputs]);
        const dw = allocate([sizes.inputs, sizes.outputs]);
        const dbias = allocate([sizes.outputs]);
        dispatch(backward(sizes), [saved[0], saved[1], dy, dx, dw, dbias]);
        return [asTensor(dx), asTensor(dw), asTensor(dbias)];
      },
    };
  });
  return op(x, kernel, bias) as tf.Tensor2D;
}
