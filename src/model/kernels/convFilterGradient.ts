// The gradient of a convolution with respect to its filter, dW[kh,kw,ci,co] = sum over (b, oh, ow) of
// x[b, oh*s - pad + kh, ow*s - pad + kw, ci] * dy[b, oh, ow, co], with the B*OH*OW reduction split across threads.
// REPLACES (tfjs-backend-webgpu 4.22's Conv2DBackpropFilter, registered over it for the webgpu backend): one
// thread per filter weight looping serially over all B*OH*OW positions (a 16->16 3x3 layer at batch 128:
// 2,304 threads of 131,072 products each, a few percent of a GPU).
// HERE: 2 dispatches. The first gives each (chunk of output rows, filter weight) pair a thread that sums its
// chunk (~65k threads in all; neighbouring threads share the x value and read neighbouring dy values); the
// second adds the chunks' partial sums. No workgroup barriers. Other layouts (NCHW, dilation) and
// ?kernels=reference fall back to tfjs's own kernel.
import * as tf from '@tensorflow/tfjs';
import { allocate, dispatch, workgroupsFor, type GpuKernel } from './gpuDispatch';
import { requestedKernelMode } from './kernelMode';
import { elementwiseMain } from './wgsl';

/** Threads the first pass aims for (enough to fill a GPU), and the fewest output rows worth a thread. */
const TARGET_THREADS = 65_536;
const MIN_ROWS_PER_CHUNK = 2;

interface Geometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  kernelHeight: number;
  kernelWidth: number;
  stride: [number, number];
  padTop: number;
  padLeft: number;
}

function partialSums(g: Geometry, chunks: number, rowsPerChunk: number): GpuKernel {
  const weights = g.kernelHeight * g.kernelWidth * g.inChannels * g.outChannels;
  const rows = g.batch * g.outHeight;
  return {
    name: 'ConvFilterGradientPartial',
    key: JSON.stringify([g, chunks, rowsPerChunk]),
    workgroups: workgroupsFor(chunks * weights),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read_write> partial: array<f32>;
${elementwiseMain(chunks * weights, /* wgsl */ `
  let chunk = j / ${weights}u;
  let k = j % ${weights}u; // HWIO: ((kh * KW + kw) * Ci + ci) * Co + co
  let co = k % ${g.outChannels}u;
  let ci = (k / ${g.outChannels}u) % ${g.inChannels}u;
  let kw = i32((k / ${g.outChannels * g.inChannels}u) % ${g.kernelWidth}u);
  let kh = i32(k / ${g.outChannels * g.inChannels * g.kernelWidth}u);
  let first = chunk * ${rowsPerChunk}u;
  let last = min(first + ${rowsPerChunk}u, ${rows}u);
  var sum = 0.0;
  // One output row (b, oh) at a time: its input row ih is fixed, and the columns need no division.
  for (var row = first; row < last; row = row + 1u) {
    let b = row / ${g.outHeight}u;
    let ih = i32(row % ${g.outHeight}u) * ${g.stride[0]} - ${g.padTop} + kh;
    if (ih < 0 || ih >= ${g.inHeight}) { continue; }
    let xRow = (b * ${g.inHeight}u + u32(ih)) * ${g.inWidth}u;
    let dyRow = row * ${g.outWidth}u;
    for (var ow = 0; ow < ${g.outWidth}; ow = ow + 1) {
      let iw = ow * ${g.stride[1]} - ${g.padLeft} + kw;
      if (iw >= 0 && iw < ${g.inWidth}) {
        sum = sum + x[(xRow + u32(iw)) * ${g.inChannels}u + ci] * dy[(dyRow + u32(ow)) * ${g.outChannels}u + co];
      }
    }
  }
  partial[j] = sum;`)}`,
  };
}

function sumOfChunks(weights: number, chunks: number): GpuKernel {
  return {
    name: 'ConvFilterGradientSum',
    key: `${weights}|${chunks}`,
    workgroups: workgroupsFor(weights),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> partial: array<f32>;
@group(0) @binding(1) var<storage, read_write> dw: array<f32>;
${elementwiseMain(weights, /* wgsl */ `
  var sum = 0.0;
  for (var chunk = 0u; chunk < ${chunks}u; chunk = chunk + 1u) { sum = sum + partial[chunk * ${weights}u + j]; }
  dw[j] = sum;`)}`,
  };
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** How many chunks the B*OH output rows are split into, for `weights` filter weights. */
export function chunksFor(rows: number, weights: number): number {
  return Math.max(1, Math.min(Math.ceil(TARGET_THREADS / weights), Math.ceil(rows / MIN_ROWS_PER_CHUNK)));
}

function geometry(args: KernelArgs): Geometry | null {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (attrs.dataFormat && attrs.dataFormat !== 'NHWC') return null;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  if (info.outHeight !== dy.shape[1] || info.outWidth !== dy.shape[2]) return null;
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    kernelHeight: info.filterHeight,
    kernelWidth: info.filterWidth,
    stride: [info.strideHeight, info.strideWidth],
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

let installed = false;

/** Registers the parallel kernel as tfjs's Conv2DBackpropFilter for the webgpu backend (once); the kernel it
 *  replaces still runs for ?kernels=reference and for what this one does not handle. */
export function installConvFilterGradient(): void {
  if (installed) return;
  const original = tf.getKernel('Conv2DBackpropFilter', 'webgpu');
  if (!original) return; // the webgpu backend is not loaded: nothing to replace
  installed = true;
  tf.unregisterKernel('Conv2DBackpropFilter', 'webgpu');
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'webgpu',
    kernelFunc: (args) => {
      const g = requestedKernelMode() === 'fused' ? geometry(args) : null;
      if (!g) return original.kernelFunc(args);
      const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const weights = g.kernelHeight * g.kernelWidth * g.inChannels * g.outChannels;
      const rows = g.batch * g.outHeight;
      const chunks = chunksFor(rows, weights);
      const rowsPerChunk = Math.ceil(rows / chunks);
      const partial = allocate([chunks * weights]);
      const dw = allocate([g.kernelHeight, g.kernelWidth, g.inChannels, g.outChannels]);
      dispatch(partialSums(g, chunks, rowsPerChunk), [x, dy, partial]);
      dispatch(sumOfChunks(weights, chunks), [partial, dw]);
      (args.backend as tf.KernelBackend).disposeData(partial.dataId); // released after the submit that uses it
      return dw;
    },
  });
}
