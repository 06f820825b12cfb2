// Option A's shortcut (§3.3, all CIFAR-10 ResNets of §4.2): identity with x[:, ::s, ::s, :] where the map halves
// and zero channels appended where the width grows.
// REPLACES (reference ops, src/model/shortcut.ts subsampleAndZeroPad): avgPool(1x1, stride 2) + pad forward,
// slice + avgPool's gradient backward: 4 dispatches through tfjs's per-op path.
// HERE: 1 dispatch each way, one thread per output element.
import * as tf from '@tensorflow/tfjs';
import { allocate, asTensor, dispatch, workgroupsFor, type GpuKernel } from './gpuDispatch';
import { elementwiseMain } from './wgsl';

interface Shapes {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  stride: number;
}

function key(s: Shapes): string {
  return `${s.batch}|${s.inHeight}|${s.inWidth}|${s.inChannels}|${s.outChannels}|${s.stride}`;
}

function forward(s: Shapes): GpuKernel {
  const size = s.batch * s.outHeight * s.outWidth * s.outChannels;
  return {
    name: 'ZeroPadShortcut',
    key: key(s),
    workgroups: workgroupsFor(size),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
${elementwiseMain(size, /* wgsl */ `
  let c = j % ${s.outChannels}u;
  let w = (j / ${s.outChannels}u) % ${s.outWidth}u;
  let h = (j / ${s.outChannels * s.outWidth}u) % ${s.outHeight}u;
  let b = j / ${s.outChannels * s.outWidth * s.outHeight}u;
  var value = 0.0;
  if (c < ${s.inChannels}u) { value = x[((b * ${s.inHeight}u + h * ${s.stride}u) * ${s.inWidth}u + w * ${s.stride}u) * ${s.inChannels}u + c]; }
  y[j] = value;`)}`,
  };
}

function backward(s: Shapes): GpuKernel {
  const size = s.batch * s.inHeight * s.inWidth * s.inChannels;
  return {
    name: 'ZeroPadShortcutBackward',
    key: key(s),
    workgroups: workgroupsFor(size),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> dy: array<f32>;
@group(0) @binding(1) var<storage, read_write> dx: array<f32>;
${elementwiseMain(size, /* wgsl */ `
  let c = j % ${s.inChannels}u;
  let w = (j / ${s.inChannels}u) % ${s.inWidth}u;
  let h = (j / ${s.inChannels * s.inWidth}u) % ${s.inHeight}u;
  let b = j / ${s.inChannels * s.inWidth * s.inHeight}u;
  var value = 0.0;
  if (h % ${s.stride}u == 0u && w % ${s.stride}u == 0u) { // the pixels the shortcut kept; the others get no gradient
    value = dy[((b * ${s.outHeight}u + h / ${s.stride}u) * ${s.outWidth}u + w / ${s.stride}u) * ${s.outChannels}u + c];
  }
  dx[j] = value;`)}`,
  };
}

/** x [B,H,W,C_in] -> [B, ceil(H/s), ceil(W/s), C_out]: kept pixels, then C_out - C_in zero channels. */
export function zeroPadShortcutFused(x: tf.Tensor4D, stride: 1 | 2, outChannels: number): tf.Tensor4D {
  const [batch, inHeight, inWidth, inChannels] = x.shape;
  const s: Shapes = {
    batch,
    inHeight,
    inWidth,
    inChannels,
    outHeight: Math.ceil(inHeight / stride),
    outWidth: Math.ceil(inWidth / stride),
    outChannels,
    stride,
  };
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    const y = allocate([batch, s.outHeight, s.outWidth, outChannels]);
    dispatch(forward(s), [input, y]);
    return {
      value: asTensor<tf.Rank.R4>(y),
      gradFunc: (dy: tf.Tensor) => {
        const dx = allocate([batch, inHeight, inWidth, inChannels]);
        dispatch(backward(s), [dy, dx]);
        return asTensor(dx);
      },
    };
  });
  return op(x) as tf.Tensor4D;
}
