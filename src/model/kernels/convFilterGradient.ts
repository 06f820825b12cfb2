// The gradient of a convolution with respect to its filter, dW[kh,kw,ci,co] = sum over (b, oh, ow) of
// x[b, oh*s - pad + kh, ow*s - pad + kw, ci] * dy[b, oh, ow, co], with the B*OH*OW reduction split across threads.
// REPLACES (tfjs-backend-webgpu 4.22's Conv2DBackpropFilter, registered over it for the webgpu backend): one
// thread per filter weight looping serially over all B*OH*OW positions (a 16->16 3x3 layer at batch 128:
// 2,304 threads of 131,072 products each, a few percent of a GPU).
// HERE: 2 dispatches, no workgroup barriers. The first gives each (chunk of output rows, register tile) pair a
// thread that sums its chunk (~65k threads in all); a tile is 4 input x 4 output channels of one filter tap
// (kh, kw): per position it loads one x vec4 and one dy vec4 for 16 multiply-adds (1 x value and 4 outputs
// when the input channels are not a multiple of 4: the first layer's 3 colours). The second adds the chunks'
// partial sums. Output channels must be a multiple of 4; anything else runs tfjs's kernel.
import type { ConvGeometry } from './convGeometry';
import { allocate, dispatch, release, workgroupsFor, type GpuKernel } from './gpuDispatch';
import type { ConvFilterGradientImplementation } from './implementation';
import { elementwiseMain } from './wgsl';

/** Threads the first pass aims for (enough to fill a GPU), and the fewest output rows worth a thread. */
const TARGET_THREADS = 65_536;
const MIN_ROWS_PER_CHUNK = 2;

/** Input channels per register tile: 4 (one vec4 of x) when they come in fours, else 1. */
const inChannelsPerTile = (g: ConvGeometry) => (g.inChannels % 4 === 0 ? 4 : 1);

function tilesOf(g: ConvGeometry): number {
  return (g.kernelHeight * g.kernelWidth * g.inChannels * g.outChannels) / (4 * inChannelsPerTile(g));
}

function partialSums(g: ConvGeometry, chunks: number, rowsPerChunk: number): GpuKernel {
  const perTile = inChannelsPerTile(g);
  const inUnits = g.inChannels / perTile; // x elements (vec4 or f32) per pixel
  const outQuads = g.outChannels / 4;
  const tiles = tilesOf(g);
  const rows = g.batch * g.outHeight;
  const lanes = perTile === 4 ? ['x', 'y', 'z', 'w'] : [''];
  const accumulators = lanes.map((_, k) => `acc${k}`);
  return {
    name: 'ConvFilterGradientPartial',
    key: JSON.stringify([g, chunks, rowsPerChunk]),
    workgroups: workgroupsFor(chunks * tiles),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<${perTile === 4 ? 'vec4<f32>' : 'f32'}>;
@group(0) @binding(1) var<storage, read> dy: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> partial: array<vec4<f32>>;
${elementwiseMain(chunks * tiles, /* wgsl */ `
  // j = chunk * tiles + tile; tile = ((kh * KW + kw) * inUnits + unit) * outQuads + quad, the filter's HWIO order.
  let chunk = j / ${tiles}u;
  let tile = j % ${tiles}u;
  let quad = tile % ${outQuads}u;
  let unit = (tile / ${outQuads}u) % ${inUnits}u;
  let kw = i32((tile / ${outQuads * inUnits}u) % ${g.kernelWidth}u);
  let kh = i32(tile / ${outQuads * inUnits * g.kernelWidth}u);
  let first = chunk * ${rowsPerChunk}u;
  let last = min(first + ${rowsPerChunk}u, ${rows}u);
  ${accumulators.map((a) => `var ${a} = vec4<f32>(0.0);`).join(' ')}
  // One output row (b, oh) at a time: its input row ih is fixed, and the columns need no division.
  for (var row = first; row < last; row++) {
    let b = row / ${g.outHeight}u;
    let ih = i32(row % ${g.outHeight}u) * ${g.strideHeight} - ${g.padTop} + kh;
    if (ih < 0 || ih >= ${g.inHeight}) { continue; }
    let xRow = (b * ${g.inHeight}u + u32(ih)) * ${g.inWidth}u;
    let dyRow = row * ${g.outWidth}u;
    for (var ow = 0; ow < ${g.outWidth}; ow++) {
      let iw = ow * ${g.strideWidth} - ${g.padLeft} + kw;
      if (iw >= 0 && iw < ${g.inWidth}) {
        let v = x[(xRow + u32(iw)) * ${inUnits}u + unit];
        let d = dy[(dyRow + u32(ow)) * ${outQuads}u + quad];
        ${accumulators.map((a, k) => `${a} += v${lanes[k] ? `.${lanes[k]}` : ''} * d;`).join(' ')}
      }
    }
  }
  // The tile's weights (kh, kw, unit * perTile + k, quad) as vec4 indices of this chunk's copy of dW.
  let at = chunk * ${tiles * perTile}u + ((u32(kh * ${g.kernelWidth} + kw) * ${g.inChannels}u + unit * ${perTile}u) * ${outQuads}u) + quad;
  ${accumulators.map((a, k) => `partial[at + ${k * outQuads}u] = ${a};`).join(' ')}`)}`,
  };
}

/** dW = the sum of the chunks' copies (`chunks` copies of `quads` vec4s, one after another), one thread per 4
 *  weights; `name` tells the implementation's pass apart in the dispatch counter. Both implementations use it. */
export function sumOfChunks(quads: number, chunks: number, name = 'ConvFilterGradientSum'): GpuKernel {
  return {
    name,
    key: `${quads}|${chunks}`,
    workgroups: workgroupsFor(quads),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> partial: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> dw: array<vec4<f32>>;
${elementwiseMain(quads, /* wgsl */ `
  var sum = vec4<f32>(0.0);
  for (var chunk = 0u; chunk < ${chunks}u; chunk++) { sum += partial[chunk * ${quads}u + j]; }
  dw[j] = sum;`)}`,
  };
}

/** How many chunks the B*OH output rows are split into, for `tiles` register tiles. */
function chunksFor(rows: number, tiles: number): number {
  return Math.max(1, Math.min(Math.ceil(TARGET_THREADS / tiles), Math.ceil(rows / MIN_ROWS_PER_CHUNK)));
}

export const registerTileConvFilterGradient: ConvFilterGradientImplementation = {
  name: 'register-tile',
  description: 'output rows split in chunks, a 4x4 channel tile of one filter tap per thread in registers, then a sum of the chunks; no barriers (tuned on a CPU emulator)',
  handles: (g) => g.outChannels % 4 === 0,
  run(g, { x, dy, dw }) {
    const rows = g.batch * g.outHeight;
    const chunks = chunksFor(rows, tilesOf(g));
    const rowsPerChunk = Math.ceil(rows / chunks);
    const weights = g.kernelHeight * g.kernelWidth * g.inChannels * g.outChannels;
    const partial = allocate([chunks * weights]);
    dispatch(partialSums(g, chunks, rowsPerChunk), [x, dy, partial]);
    dispatch(sumOfChunks(weights / 4, chunks), [partial, dw]);
    release(partial); // freed after the submit that uses it
  },
};
