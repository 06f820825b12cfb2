// A 2-D convolution, y[b,oh,ow,co] = sum over (kh, kw, ci) of x[b, oh*s - pad + kh, ow*s - pad + kw, ci] *
// w[kh,kw,ci,co] (NHWC input, HWIO filter, zero padding), every convolution of the network's forward pass.
// REPLACES (tfjs-backend-webgpu 4.22's Conv2D, registered over it for the webgpu backend): a matrix-multiply
// program with workgroup tiles in shared memory and a barrier per tile, which on a CPU-emulated adapter
// (SwiftShader) costs 80-290 ms per 3x3 layer at batch 8.
// HERE: 1 dispatch, no shared memory and no barriers. Each thread computes a register tile of 4 output
// channels (one vec4) x COLUMNS neighbouring output pixels of one row: per input-channel quad it loads 4 weight
// vec4s and COLUMNS input vec4s for 16 x COLUMNS multiply-adds, and neighbouring threads (the next 4 output
// channels) read the same input values, so a GPU's cache serves them. Requires a multiple of 4 output channels;
// the input channels are read 4 at a time when they are a multiple of 4, one at a time otherwise (the 3 colour
// channels of the first layer). Anything else runs tfjs's kernel.
import type { ConvGeometry } from './convGeometry';
import { dispatch, workgroupsFor, type GpuKernel } from './gpuDispatch';
import type { ConvForwardImplementation } from './implementation';
import { elementwiseMain } from './wgsl';

/** Output pixels along a row per thread: the register tile's width (8 vec4 accumulators). */
export const COLUMNS = 8;

/** `line` for each column c of the register tile, unrolled (its accumulators are acc0, acc1, ...). */
export function perColumn(line: (c: number) => string): string {
  return Array.from({ length: COLUMNS }, (_, c) => line(c)).join('\n');
}

/** The accumulation over one input position (kh, kw) for every column c: `acc_c += x(c) * w`. */
function inputChannelLoop(g: ConvGeometry, vectorInput: boolean): string {
  const outQuads = g.outChannels / 4;
  if (vectorInput) {
    return /* wgsl */ `
      for (var q = 0u; q < ${g.inChannels / 4}u; q++) {
        let wq = wb + q * ${4 * outQuads}u;
        let w0 = w[wq]; let w1 = w[wq + ${outQuads}u]; let w2 = w[wq + ${2 * outQuads}u]; let w3 = w[wq + ${3 * outQuads}u];
        ${perColumn((c) => `{ let v = select(vec4<f32>(0.0), x[xb${c} + q], in${c}); acc${c} += v.x * w0 + v.y * w1 + v.z * w2 + v.w * w3; }`)}
      }`;
  }
  return /* wgsl */ `
      for (var ci = 0u; ci < ${g.inChannels}u; ci++) {
        let wc = w[wb + ci * ${outQuads}u];
        ${perColumn((c) => `acc${c} += select(0.0, x[xb${c} + ci], in${c}) * wc;`)}
      }`;
}

function kernel(g: ConvGeometry): GpuKernel {
  const vectorInput = g.inChannels % 4 === 0;
  const inUnits = vectorInput ? g.inChannels / 4 : g.inChannels; // x elements (vec4 or f32) per pixel
  const outQuads = g.outChannels / 4;
  const columnGroups = Math.ceil(g.outWidth / COLUMNS);
  const threads = g.batch * g.outHeight * columnGroups * outQuads;
  return {
    name: 'ConvForward',
    key: JSON.stringify(g),
    workgroups: workgroupsFor(threads),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<${vectorInput ? 'vec4<f32>' : 'f32'}>;
@group(0) @binding(1) var<storage, read> w: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> y: array<vec4<f32>>;
${elementwiseMain(threads, /* wgsl */ `
  // j = ((b * OH + oh) * columnGroups + group) * outQuads + quad: the 4 output channels vary fastest.
  let quad = j % ${outQuads}u;
  let group = (j / ${outQuads}u) % ${columnGroups}u;
  let oh = i32((j / ${outQuads * columnGroups}u) % ${g.outHeight}u);
  let b = j / ${outQuads * columnGroups * g.outHeight}u;
  let ow0 = i32(group) * ${COLUMNS};
  ${perColumn((c) => `var acc${c} = vec4<f32>(0.0);`)}
  for (var kh = 0; kh < ${g.kernelHeight}; kh++) {
    let ih = oh * ${g.strideHeight} - ${g.padTop} + kh;
    if (ih < 0 || ih >= ${g.inHeight}) { continue; }
    let xRow = (b * ${g.inHeight}u + u32(ih)) * ${g.inWidth}u;
    for (var kw = 0; kw < ${g.kernelWidth}; kw++) {
      // Column c reads input column iw; outside the image it reads a clamped address and uses zero instead.
      ${perColumn((c) => `let iw${c} = (ow0 + ${c}) * ${g.strideWidth} - ${g.padLeft} + kw; let in${c} = iw${c} >= 0 && iw${c} < ${g.inWidth}; let xb${c} = (xRow + u32(clamp(iw${c}, 0, ${g.inWidth - 1}))) * ${inUnits}u;`)}
      let wb = u32(kh * ${g.kernelWidth} + kw) * ${g.inChannels * outQuads}u + quad;
      ${inputChannelLoop(g, vectorInput)}
    }
  }
  let yb = ((b * ${g.outHeight}u + u32(oh)) * ${g.outWidth}u + u32(ow0)) * ${outQuads}u + quad;
  ${perColumn((c) => `if (ow0 + ${c} < ${g.outWidth}) { y[yb + ${c * outQuads}u] = acc${c}; }`)}`)}`,
  };
}

export const registerTileConvForward: ConvForwardImplementation = {
  name: 'register-tile',
  description: '4 output channels x 8 pixels of a row per thread, in registers; no workgroup memory, no barriers (tuned on a CPU emulator)',
  handles: (g) => g.outChannels % 4 === 0,
  run: (g, { x, filter, y }) => dispatch(kernel(g), [x, filter, y]),
};
