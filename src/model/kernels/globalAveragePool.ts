// Global average pooling over the 8x8 map before the classifier (§4.2): [B,H,W,C] -> [B,C].
// REPLACES (reference op): tf.mean(x, [1, 2]): a transpose + reduce forward, and a backward that builds a
// tensor of ones the size of x ON THE CPU and uploads it every step (tfjs's Mean gradient).
// HERE: 1 dispatch forward (one thread per image and channel), 1 backward (one thread per element).
import * as tf from '@tensorflow/tfjs';
import { allocate, asTensor, dispatch, workgroupsFor, type GpuKernel } from './gpuDispatch';
import { elementwiseMain, f32 } from './wgsl';

function forward(batch: number, pixels: number, channels: number): GpuKernel {
  return {
    name: 'GlobalAveragePool',
    key: `${batch}|${pixels}|${channels}`,
    workgroups: workgroupsFor(batch * channels),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
${elementwiseMain(batch * channels, /* wgsl */ `
  let b = j / ${channels}u; // j = b * C + c
  let c = j % ${channels}u;
  var sum = 0.0;
  for (var p = 0u; p < ${pixels}u; p = p + 1u) { sum = sum + x[(b * ${pixels}u + p) * ${channels}u + c]; }
  y[j] = sum / ${f32(pixels)};`)}`,
  };
}

function backward(batch: number, pixels: number, channels: number): GpuKernel {
  const size = batch * pixels * channels;
  return {
    name: 'GlobalAveragePoolBackward',
    key: `${batch}|${pixels}|${channels}`,
    workgroups: workgroupsFor(size),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> dy: array<f32>;
@group(0) @binding(1) var<storage, read_write> dx: array<f32>;
${elementwiseMain(size, /* wgsl */ `
  let b = j / ${pixels * channels}u;
  let c = j % ${channels}u;
  dx[j] = dy[b * ${channels}u + c] / ${f32(pixels)};`)}`,
  };
}

export function globalAveragePoolFused(x: tf.Tensor4D): tf.Tensor2D {
  const [batch, height, width, channels] = x.shape;
  const pixels = height * width;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    const y = allocate([batch, channels]);
    dispatch(forward(batch, pixels, channels), [input, y]);
    return {
      value: asTensor<tf.Rank.R2>(y),
      gradFunc: (dy: tf.Tensor) => {
        const dx = allocate([batch, height, width, channels]);
        dispatch(backward(batch, pixels, channels), [dy, dx]);
        return asTensor(dx);
      },
    };
  });
  return op(x) as tf.Tensor2D;
}
