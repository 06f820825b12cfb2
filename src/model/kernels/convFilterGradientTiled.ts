// The gradient of a convolution with respect to its filter, dW[kh,kw,ci,co] = sum over (b, oh, ow) of
// x[b, oh*s - pad + kh, ow*s - pad + kw, ci] * dy[b, oh, ow, co], as an implicit matrix product: dW (M = KH*KW*Ci
// rows, N = Co columns, HWIO's own order) = A (M x K, the input patches transposed) times dy (K x N), over the
// long K = B*OH*OW (131,072 at batch 128 on 32x32 maps) against a small M x N (2,304 weights for 3x3 16->16).
// REPLACES (a candidate beside convFilterGradient.ts's 'register-tile', for GPUs): there each thread sums a
// chunk of rows for a 4x4 channel tile of one tap, reading x and dy from global memory itself; here a workgroup
// stages both in workgroup memory once for all its threads.
// HERE: 2 dispatches (split-K). The first gives each (K chunk, 64 x TN tile of dW) pair a workgroup of 64, 128 or
// 256 threads (TN = 16, 32 or 64, following Co); per K-tile of 16 its threads load x (vec4s of 4 input
// channels, natural in NHWC: one vec4 is 4 rows of A) and dy (vec4s of 4 output channels) into workgroup memory,
// meet at a barrier, and each accumulates a 4-row x 4-channel register block (a rank-1 update per K value)
// before a second barrier (tile loads branch-free: a clamped address, zero selected where out of range); the
// chunk's sums go to its copy of dW in a temporary. The second adds the copies.
// Output channels must be a multiple of 4; input channels not in fours (the first layer's 3 colours) are read
// one at a time. Anything else runs the next candidate.
import { BLOCK, OUTSIDE, tiledMain, tileFor, tileGroups, unrolled } from './convForwardTiled';
import { sumOfChunks } from './convFilterGradient';
import type { ConvGeometry } from './convGeometry';
import { allocate, dispatch, release, type GpuKernel } from './gpuDispatch';
import type { ConvFilterGradientImplementation } from './implementation';

/** Workgroups the first pass aims for (enough to fill a GPU), and the fewest K-tiles worth a chunk. */
const TARGET_WORKGROUPS = 1024;
const MIN_TILES_PER_CHUNK = 8;

/** Rows of dW per workgroup tile: 16 vec4s of input channels. */
const TILE_ROWS = 64;

interface Split {
  chunks: number;
  tilesPerChunk: number;
}

function splitOf(g: ConvGeometry): Split {
  const t = tileFor(g.outChannels, TILE_ROWS);
  const M = g.kernelHeight * g.kernelWidth * g.inChannels;
  const outputTiles = Math.ceil(M / t.rows) * Math.ceil(g.outChannels / t.columns);
  const kTiles = Math.ceil((g.batch * g.outHeight * g.outWidth) / t.depth);
  const wanted = Math.max(1, Math.min(Math.ceil(TARGET_WORKGROUPS / outputTiles), Math.ceil(kTiles / MIN_TILES_PER_CHUNK)));
  const tilesPerChunk = Math.ceil(kTiles / wanted);
  return { chunks: Math.ceil(kTiles / tilesPerChunk), tilesPerChunk };
}

function partialSums(g: ConvGeometry, { chunks, tilesPerChunk }: Split): GpuKernel {
  const t = tileFor(g.outChannels, TILE_ROWS);
  const vectorInput = g.inChannels % 4 === 0;
  const M = g.kernelHeight * g.kernelWidth * g.inChannels;
  const K = g.batch * g.outHeight * g.outWidth;
  const outQuads = g.outChannels / 4;
  const rowQuads = t.rows / 4; // 16: thread lid's A column is lid % 16 whatever the thread count
  const columnQuads = t.columns / 4;
  const mTiles = Math.ceil(M / t.rows);
  const nTiles = Math.ceil(outQuads / columnQuads);
  const kTiles = Math.ceil(K / t.depth);
  const tiles = chunks * mTiles * nTiles;
  const aStep = t.threads / rowQuads;
  const aLoads = t.depth / aStep;
  const bStep = t.threads / columnQuads;
  const bLoads = t.depth / bStep;
  // Thread lid loads the A vec4 of dW rows m0 + 4 * (lid % 16) + 0..3: their taps and channels, fixed for all
  // of K (per lane when the input channels are not in fours): (kh - pad, kw - pad, channel or quad, m < M).
  const rowsOfThread = vectorInput
    ? `let aRow = row(m0 + 4u * (lid % ${rowQuads}u));`
    : unrolled(4, (l) => `let aRow${l} = row(m0 + 4u * (lid % ${rowQuads}u) + ${l}u);`);
  // x at K index k (patch origin o) for those rows.
  const loadA = vectorInput ? `loadX(o, aRow)` : `vec4<f32>(${[0, 1, 2, 3].map((l) => `loadX(o, aRow${l})`).join(', ')})`;
  return {
    name: 'ConvFilterGradientTiledPartial',
    key: JSON.stringify([g, t, chunks, tilesPerChunk]),
    workgroups: tileGroups(tiles),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<${vectorInput ? 'vec4<f32>' : 'f32'}>;
@group(0) @binding(1) var<storage, read> dy: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> partial: array<vec4<f32>>;
// A^T[k][mq] (x, 4 rows of dW per vec4) and dy[k][nq] (4 output channels per vec4) of one K-tile.
var<workgroup> tileA: array<vec4<f32>, ${t.depth * rowQuads}>;
var<workgroup> tileB: array<vec4<f32>, ${t.depth * columnQuads}>;

/** K index k = (b * OH + oh) * OW + ow: (b * H, oh * s, ow * s); indices past K lie far outside the image. */
fn origin(k: u32) -> vec3<i32> {
  let c = min(k, ${K - 1}u);
  let ow = i32(c % ${g.outWidth}u);
  let oh = i32((c / ${g.outWidth}u) % ${g.outHeight}u);
  let b = i32(c / ${g.outWidth * g.outHeight}u);
  return vec3<i32>(b * ${g.inHeight}, select(${OUTSIDE}, oh * ${g.strideHeight}, k < ${K}u), ow * ${g.strideWidth});
}

/** Row m of dW (m = tap * Ci + ci): (kh - padTop, kw - padLeft, ${vectorInput ? 'ci / 4' : 'ci'}); rows past M lie far outside the image. */
fn row(m: u32) -> vec3<i32> {
  let c = min(m, ${M - 1}u);
  let tap = i32(c / ${g.inChannels}u);
  return vec3<i32>(select(${OUTSIDE}, tap / ${g.kernelWidth} - ${g.padTop}, m < ${M}u), tap % ${g.kernelWidth} - ${g.padLeft}, i32(c % ${g.inChannels}u)${vectorInput ? ' / 4' : ''});
}

/** x at K origin o and row r: branch-free, a clamped read whose value is dropped outside the image (branches in
 *  the K loop make some shader compilers, SwiftShader's among them, blow up). */
fn loadX(o: vec3<i32>, r: vec3<i32>) -> ${vectorInput ? 'vec4<f32>' : 'f32'} {
  let ih = o.y + r.x;
  let iw = o.z + r.y;
  let inside = (ih >= 0) & (ih < ${g.inHeight}) & (iw >= 0) & (iw < ${g.inWidth});
  let v = x[u32((o.x + clamp(ih, 0, ${g.inHeight - 1})) * ${g.inWidth} + clamp(iw, 0, ${g.inWidth - 1})) * ${vectorInput ? g.inChannels / 4 : g.inChannels}u + u32(r.z)];
  return select(${vectorInput ? 'vec4<f32>(0.0)' : '0.0'}, v, inside);
}
${tiledMain(tiles, t.threads, /* wgsl */ `
  // tile = (chunk * mTiles + mTile) * nTiles + nTile.
  let chunk = tile / ${mTiles * nTiles}u;
  let m0 = ((tile / ${nTiles}u) % ${mTiles}u) * ${t.rows}u;
  let nq0 = (tile % ${nTiles}u) * ${columnQuads}u;
  let tc = lid % ${columnQuads}u;
  let tr = lid / ${columnQuads}u;
  ${rowsOfThread}
  let aK = lid / ${rowQuads}u;
  let bK = lid / ${columnQuads}u;
  let bq = nq0 + lid % ${columnQuads}u;
  ${unrolled(BLOCK, (r) => `var acc${r} = vec4<f32>(0.0);`)}
  let firstTile = chunk * ${tilesPerChunk}u;
  let lastTile = min(firstTile + ${tilesPerChunk}u, ${kTiles}u);
  for (var kt = firstTile; kt < lastTile; kt++) {
    ${unrolled(aLoads, (i) => `{
    let o = origin(kt * ${t.depth}u + aK + ${i * aStep}u);
    tileA[(aK + ${i * aStep}u) * ${rowQuads}u + lid % ${rowQuads}u] = ${loadA};
    }`)}
    ${unrolled(bLoads, (i) => `{
    let k = kt * ${t.depth}u + bK + ${i * bStep}u;
    let v = dy[min(k, ${K - 1}u) * ${outQuads}u + min(bq, ${outQuads - 1}u)];
    tileB[(bK + ${i * bStep}u) * ${columnQuads}u + lid % ${columnQuads}u] = select(vec4<f32>(0.0), v, (k < ${K}u) & (bq < ${outQuads}u));
    }`)}
    workgroupBarrier();
    for (var k = 0u; k < ${t.depth}u; k++) {
      let a = tileA[k * ${rowQuads}u + tr];
      let b = tileB[k * ${columnQuads}u + tc];
      ${unrolled(BLOCK, (r) => `acc${r} = fma(vec4<f32>(a[${r}]), b, acc${r});`)}
    }
    workgroupBarrier();
  }
  // This chunk's copy of dW, rows m0 + 4 * tr + r, output channels nq0 + tc.
  let nq = nq0 + tc;
  ${unrolled(BLOCK, (r) => `{ let m = m0 + tr * ${BLOCK}u + ${r}u; if (m < ${M}u && nq < ${outQuads}u) { partial[(chunk * ${M}u + m) * ${outQuads}u + nq] = acc${r}; } }`)}`)}`,
  };
}

export const workgroupTileConvFilterGradient: ConvFilterGradientImplementation = {
  name: 'workgroup-tile',
  description: 'split-K implicit GEMM: 64x16 / 64x32 / 64x64 filter-gradient tiles per K chunk staged in workgroup memory, 64-256 threads with 4x4 register blocks, a barrier pair per K-tile of 16, then a sum of the chunks (for GPUs)',
  handles: (g) => g.outChannels % 4 === 0,
  run(g, { x, dy, dw }) {
    const split = splitOf(g);
    const weights = g.kernelHeight * g.kernelWidth * g.inChannels * g.outChannels;
    const partial = allocate([split.chunks * weights]);
    dispatch(partialSums(g, split), [x, dy, partial]);
    dispatch(sumOfChunks(weights / 4, split.chunks, 'ConvFilterGradientTiledSum'), [partial, dw]);
    release(partial); // freed after the submit that uses it
  },
};
