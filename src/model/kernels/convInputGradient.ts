// The gradient of a convolution with respect to its input (the backward pass through every conv but the
// first): dx[b,ih,iw,ci] = sum over (kh, kw, co) of dy[b,oh,ow,co] * w[kh,kw,ci,co], over the output positions
// (oh, ow) whose window covers (ih, iw): oh*s - pad + kh = ih.
// REPLACES (tfjs-backend-webgpu 4.22's Conv2DBackpropInput, registered over it for the webgpu backend): the
// naive transposed kernel tfjs runs by default, one thread per input gradient value with a scalar loop.
// HERE: 1 dispatch, no shared memory and no barriers; the same register tile as convForward.ts. Each thread
// computes 4 input channels (one vec4) x COLUMNS input pixels of one row. With stride s the thread's pixels are
// s apart (the same phase), so one filter column kw either reaches all of them or none, and they read COLUMNS
// neighbouring dy pixels. Requires input and output channel counts that are multiples of 4; anything else runs
// tfjs's kernel.
import { COLUMNS, perColumn } from './convForward';
import type { ConvGeometry } from './convGeometry';
import { dispatch, workgroupsFor, type GpuKernel } from './gpuDispatch';
import type { ConvInputGradientImplementation } from './implementation';
import { elementwiseMain } from './wgsl';

function kernel(g: ConvGeometry): GpuKernel {
  const inQuads = g.inChannels / 4;
  const outQuads = g.outChannels / 4;
  const sw = g.strideWidth;
  const groupsPerPhase = Math.ceil(Math.ceil(g.inWidth / sw) / COLUMNS);
  const threads = g.batch * g.inHeight * sw * groupsPerPhase * inQuads;
  return {
    name: 'ConvInputGradient',
    key: JSON.stringify(g),
    workgroups: workgroupsFor(threads),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> dy: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> w: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> dx: array<vec4<f32>>;
${elementwiseMain(threads, /* wgsl */ `
  // j = (((b * H + ih) * stride + phase) * groupsPerPhase + group) * inQuads + quad; the thread's input columns
  // are iw = phase + stride * (group * COLUMNS + c).
  let quad = j % ${inQuads}u;
  let group = i32((j / ${inQuads}u) % ${groupsPerPhase}u);
  let phase = i32((j / ${inQuads * groupsPerPhase}u) % ${sw}u);
  let ih = i32((j / ${inQuads * groupsPerPhase * sw}u) % ${g.inHeight}u);
  let b = j / ${inQuads * groupsPerPhase * sw * g.inHeight}u;
  ${perColumn((c) => `var acc${c} = vec4<f32>(0.0);`)}
  for (var kh = 0; kh < ${g.kernelHeight}; kh++) {
    let th = ih + ${g.padTop} - kh;
    if (th < 0 || th % ${g.strideHeight} != 0 || th / ${g.strideHeight} >= ${g.outHeight}) { continue; }
    let dyRow = (b * ${g.outHeight}u + u32(th / ${g.strideHeight})) * ${g.outWidth}u;
    for (var kw = 0; kw < ${g.kernelWidth}; kw++) {
      let tw = phase + ${g.padLeft} - kw;
      if (tw % ${sw} != 0) { continue; } // this filter column does not reach this phase's pixels
      let ow0 = tw / ${sw} + group * ${COLUMNS};
      ${perColumn((c) => `let in${c} = ow0 + ${c} >= 0 && ow0 + ${c} < ${g.outWidth}; let db${c} = (dyRow + u32(clamp(ow0 + ${c}, 0, ${g.outWidth - 1}))) * ${outQuads}u;`)}
      let wb = (u32(kh * ${g.kernelWidth} + kw) * ${g.inChannels}u + 4u * quad) * ${outQuads}u;
      for (var q = 0u; q < ${outQuads}u; q++) {
        let w0 = w[wb + q]; let w1 = w[wb + ${outQuads}u + q]; let w2 = w[wb + ${2 * outQuads}u + q]; let w3 = w[wb + ${3 * outQuads}u + q];
        ${perColumn((c) => `{ let d = select(vec4<f32>(0.0), dy[db${c} + q], in${c}); acc${c} += vec4<f32>(dot(d, w0), dot(d, w1), dot(d, w2), dot(d, w3)); }`)}
      }
    }
  }
  let iw0 = phase + ${sw} * group * ${COLUMNS};
  let xb = (b * ${g.inHeight}u + u32(ih)) * ${g.inWidth}u;
  ${perColumn((c) => `if (iw0 + ${c * sw} < ${g.inWidth}) { dx[(xb + u32(iw0 + ${c * sw})) * ${inQuads}u + quad] = acc${c}; }`)}`)}`,
  };
}

export const registerTileConvInputGradient: ConvInputGradientImplementation = {
  name: 'register-tile',
  description: '4 input channels x 8 pixels of a row per thread, in registers; no workgroup memory, no barriers (tuned on a CPU emulator)',
  handles: (g) => g.inChannels % 4 === 0 && g.outChannels % 4 === 0,
  run: (g, { dy, filter, dx }) => dispatch(kernel(g), [dy, filter, dx]),
};
