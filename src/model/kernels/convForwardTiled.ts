// A 2-D convolution, y[b,oh,ow,co] = sum over (kh, kw, ci) of x[b, oh*s - pad + kh, ow*s - pad + kw, ci] *
// w[kh,kw,ci,co] (NHWC input, HWIO filter, zero padding), as an implicit matrix product: y (M = B*OH*OW rows,
// N = Co columns) = A (M x K, the input patches, never materialised) times W (K x N, K = KH*KW*Ci).
// REPLACES (a candidate beside convForward.ts's 'register-tile', for GPUs): the register tile reads each input
// value from global memory once per thread that needs it and relies on a cache to share it; here a workgroup
// stages the values in workgroup memory once and all its threads read them from there.
// HERE: 1 dispatch. A workgroup computes a TM x TN output tile (128x16 with 128 threads, 128x32 or 64x64 with
// 256 threads; TN follows Co so a 16-channel layer wastes no columns); per K-tile of 16 its threads load the
// 16-wide slice of A (vec4s of 4 input channels) and of W (vec4s of 4 output channels) into workgroup memory,
// meet at a barrier, and each accumulates a 4-row x 4-channel register block (16 multiply-adds per A value and
// W vec4 read) before a second barrier: one barrier pair per K-tile, as tfjs's conv2d_mm / matmul_packed. Tile
// loads are branch-free (a clamped address, zero selected where out of range); nothing out of range is written.
// Requires a multiple of 4 output channels; the input channels are read 4 at a time when they are a multiple of
// 4, one at a time otherwise (the 3 colour channels of the first layer). Anything else runs the next candidate.
import type { ConvGeometry } from './convGeometry';
import { dispatch, type GpuKernel } from './gpuDispatch';
import type { ConvForwardImplementation } from './implementation';

/** A workgroup's output tile: `rows` x `columns` outputs, `depth` of K per barrier pair, `threads` threads each
 *  holding a 4 x 4 register block (4 rows, one vec4 of columns). */
export interface Tile {
  rows: number;
  columns: number;
  depth: number;
  threads: number;
}

/** Rows and columns of one thread's register block. */
export const BLOCK = 4;

/** The tile for a product with `columns` output columns: 16, 32 or 64 of them (the fewest that cover them, at
 *  most 64), 128 rows (64 for 64 columns), K-tiles of 16; 128 or 256 threads, at most 10 KiB of workgroup
 *  memory. */
export function tileFor(columns: number, rows?: number): Tile {
  const width = columns <= 16 ? 16 : columns <= 32 ? 32 : 64;
  const height = rows ?? (width === 64 ? 64 : 128);
  return { rows: height, columns: width, depth: 16, threads: (height / BLOCK) * (width / BLOCK) };
}

/** WebGPU's default limit of workgroups along one dimension. */
const MAX_GROUPS_PER_DIMENSION = 65_535;

/** Workgroups for `tiles` workgroup tiles: 1-D, or 2-D past 65,535 (tiledMain's `tile` index). */
export function tileGroups(tiles: number): [number, number] {
  if (tiles <= MAX_GROUPS_PER_DIMENSION) return [Math.max(1, tiles), 1];
  const rows = Math.ceil(tiles / MAX_GROUPS_PER_DIMENSION);
  return [Math.ceil(tiles / rows), rows];
}

/** The entry point of a kernel with one workgroup of `threads` threads per tile: `body` runs with `tile` =
 *  0..tiles-1 (uniform across the workgroup, so the body may use barriers) and `lid` the thread's index. */
export function tiledMain(tiles: number, threads: number, body: string): string {
  return /* wgsl */ `
@compute @workgroup_size(${threads})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let tile = wid.y * groups.x + wid.x;
  if (tile >= ${tiles}u) { return; }
  ${body}
}`;
}

/** An index far outside any image: a clamped read there is discarded. */
export const OUTSIDE = -(1 << 20);

/** `load(e)` for the elements e = lid + i * threads < count of a tile, unrolled (guarded where threads do not
 *  divide count). */
export function strided(count: number, threads: number, load: (e: string) => string): string {
  return unrolled(Math.ceil(count / threads), (i) => {
    const e = `(lid + ${i * threads}u)`;
    return (i + 1) * threads <= count ? load(e) : `if (${e} < ${count}u) ${load(e)}`;
  });
}

/** `line(i)` for i = 0..count-1, unrolled. */
export function unrolled(count: number, line: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => line(i)).join('\n  ');
}

function kernel(g: ConvGeometry): GpuKernel {
  const t = tileFor(g.outChannels);
  const vectorInput = g.inChannels % 4 === 0;
  const M = g.batch * g.outHeight * g.outWidth;
  const K = g.kernelHeight * g.kernelWidth * g.inChannels;
  const kQuads = Math.ceil(K / 4);
  const outQuads = g.outChannels / 4;
  const tileQuads = t.depth / 4; // K quads per K-tile
  const columnQuads = t.columns / 4;
  const mTiles = Math.ceil(M / t.rows);
  const nTiles = Math.ceil(outQuads / columnQuads);
  const kTiles = Math.ceil(K / t.depth);
  // The A tile is rows x tileQuads vec4s; thread lid loads quad lid % tileQuads of rows lid / tileQuads + i * aStep.
  const aStep = t.threads / tileQuads;
  const aLoads = t.rows / aStep;
  const bElements = t.depth * columnQuads;
  const inUnits = vectorInput ? g.inChannels / 4 : g.inChannels; // x elements (vec4 or f32) per pixel
  // x for patch origin o at K quad kq (vector) or K index k (scalar): branch-free, reading a clamped address and
  // keeping zero outside the image (branches in the K loop make some shader compilers, SwiftShader's among them,
  // blow up).
  const loadA = vectorInput
    ? /* wgsl */ `
fn loadA(o: vec3<i32>, kq: u32) -> vec4<f32> {
  let q = min(kq, ${kQuads - 1}u);
  let tap = i32(q / ${inUnits}u);
  let ih = o.y + tap / ${g.kernelWidth};
  let iw = o.z + tap % ${g.kernelWidth};
  let inside = (kq < ${kQuads}u) & (ih >= 0) & (ih < ${g.inHeight}) & (iw >= 0) & (iw < ${g.inWidth});
  let v = x[u32(o.x + clamp(ih, 0, ${g.inHeight - 1}) * ${g.inWidth} + clamp(iw, 0, ${g.inWidth - 1})) * ${inUnits}u + q % ${inUnits}u];
  return select(vec4<f32>(0.0), v, inside);
}`
    : /* wgsl */ `
fn loadX(o: vec3<i32>, k: u32) -> f32 {
  let c = min(k, ${K - 1}u);
  let tap = i32(c / ${g.inChannels}u);
  let ih = o.y + tap / ${g.kernelWidth};
  let iw = o.z + tap % ${g.kernelWidth};
  let inside = (k < ${K}u) & (ih >= 0) & (ih < ${g.inHeight}) & (iw >= 0) & (iw < ${g.inWidth});
  let v = x[u32(o.x + clamp(ih, 0, ${g.inHeight - 1}) * ${g.inWidth} + clamp(iw, 0, ${g.inWidth - 1})) * ${g.inChannels}u + c % ${g.inChannels}u];
  return select(0.0, v, inside);
}
fn loadA(o: vec3<i32>, kq: u32) -> vec4<f32> {
  return vec4<f32>(loadX(o, 4u * kq), loadX(o, 4u * kq + 1u), loadX(o, 4u * kq + 2u), loadX(o, 4u * kq + 3u));
}`;
  return {
    name: 'ConvForwardTiled',
    key: JSON.stringify([g, t]),
    workgroups: tileGroups(mTiles * nTiles),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<${vectorInput ? 'vec4<f32>' : 'f32'}>;
@group(0) @binding(1) var<storage, read> w: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> y: array<vec4<f32>>;
// A[m][kq] (input patches, 4 K values per vec4) and W[k][nq] (4 output channels per vec4) of one K-tile.
var<workgroup> tileA: array<vec4<f32>, ${t.rows * tileQuads}>;
var<workgroup> tileB: array<vec4<f32>, ${bElements}>;

/** Output row m's patch origin: (b * H * W, oh * s - pad, ow * s - pad); rows past M lie far outside the image. */
fn origin(m: u32) -> vec3<i32> {
  let c = min(m, ${M - 1}u);
  let ow = i32(c % ${g.outWidth}u);
  let oh = i32((c / ${g.outWidth}u) % ${g.outHeight}u);
  let b = i32(c / ${g.outWidth * g.outHeight}u);
  return vec3<i32>(b * ${g.inHeight * g.inWidth}, select(${OUTSIDE}, oh * ${g.strideHeight} - ${g.padTop}, m < ${M}u), ow * ${g.strideWidth} - ${g.padLeft});
}
${loadA}
${tiledMain(mTiles * nTiles, t.threads, /* wgsl */ `
  // tile = mTile * nTiles + nTile: the tiles sharing input rows run side by side.
  let m0 = (tile / ${nTiles}u) * ${t.rows}u;
  let nq0 = (tile % ${nTiles}u) * ${columnQuads}u;
  let tc = lid % ${columnQuads}u;
  let tr = lid / ${columnQuads}u;
  let aq = lid % ${tileQuads}u;
  let aRow = lid / ${tileQuads}u;
  ${unrolled(aLoads, (i) => `let o${i} = origin(m0 + aRow + ${i * aStep}u);`)}
  ${unrolled(BLOCK, (r) => `var acc${r} = vec4<f32>(0.0);`)}
  for (var kt = 0u; kt < ${kTiles}u; kt++) {
    ${unrolled(aLoads, (i) => `tileA[(aRow + ${i * aStep}u) * ${tileQuads}u + aq] = loadA(o${i}, kt * ${tileQuads}u + aq);`)}
    ${strided(bElements, t.threads, (e) => `{
      let k = kt * ${t.depth}u + ${e} / ${columnQuads}u;
      let nq = nq0 + ${e} % ${columnQuads}u;
      let v = w[min(k, ${K - 1}u) * ${outQuads}u + min(nq, ${outQuads - 1}u)];
      tileB[${e}] = select(vec4<f32>(0.0), v, (k < ${K}u) & (nq < ${outQuads}u));
    }`)}
    workgroupBarrier();
    for (var kq = 0u; kq < ${tileQuads}u; kq++) {
      let b0 = tileB[(4u * kq) * ${columnQuads}u + tc];
      let b1 = tileB[(4u * kq + 1u) * ${columnQuads}u + tc];
      let b2 = tileB[(4u * kq + 2u) * ${columnQuads}u + tc];
      let b3 = tileB[(4u * kq + 3u) * ${columnQuads}u + tc];
      ${unrolled(BLOCK, (r) => `{ let a = tileA[(tr * ${BLOCK}u + ${r}u) * ${tileQuads}u + kq]; acc${r} = fma(vec4<f32>(a.x), b0, fma(vec4<f32>(a.y), b1, fma(vec4<f32>(a.z), b2, fma(vec4<f32>(a.w), b3, acc${r})))); }`)}
    }
    workgroupBarrier();
  }
  let nq = nq0 + tc;
  ${unrolled(BLOCK, (r) => `{ let m = m0 + tr * ${BLOCK}u + ${r}u; if (m < ${M}u && nq < ${outQuads}u) { y[m * ${outQuads}u + nq] = acc${r}; } }`)}`)}`,
  };
}

export const workgroupTileConvForward: ConvForwardImplementation = {
  name: 'workgroup-tile',
  description: 'implicit GEMM: 128x16 / 128x32 / 64x64 output tiles staged in workgroup memory, 128-256 threads with 4x4 register blocks, a barrier pair per K-tile of 16 (for GPUs)',
  handles: (g) => g.outChannels % 4 === 0,
  run: (g, { x, filter, y }) => dispatch(kernel(g), [x, filter, y]),
};
