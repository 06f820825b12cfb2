// The gradient of a convolution with respect to its input, dx[b,ih,iw,ci] = sum over (kh, kw, co) of
// dy[b,oh,ow,co] * w[kh,kw,ci,co] over the output positions (oh, ow) whose window covers (ih, iw):
// oh*s - pad + kh = ih. As an implicit matrix product: dx (M input pixels x N = Ci) = A (dy's values at the
// covering positions) times W^T (each filter tap's Co x Ci block).
// REPLACES (a candidate beside convInputGradient.ts's 'register-tile', for GPUs): there each thread reads its dy
// values and weights from global memory; here a workgroup stages them in workgroup memory once for all threads.
// HERE: 1 dispatch. With stride s the input pixels fall in s*s phases (ih % s, iw % s); a pixel of phase (ph, pw)
// is reached only by the taps kh = ph + pad (mod s), so each workgroup takes a tile of one phase's pixels and its
// K runs over just those taps x Co (a quarter of the work of every tap at stride 2, and no divisibility tests).
// A workgroup computes a TM x TN tile (128x16 with 128 threads, 128x32 or 64x64 with 256 threads; TN follows Ci);
// per K-tile of 16 its threads load A (vec4s of 4 output channels of dy) and W^T (vec4s of 4 output channels of
// the filter, natural in HWIO) into workgroup memory, meet at a barrier, and each accumulates a 4-pixel x
// 4-channel register block (dot products of vec4s along K) before a second barrier; tile loads are branch-free
// (a clamped address, zero selected where out of range). Requires input and output channel counts that are
// multiples of 4; anything else runs the next candidate.
import { BLOCK, OUTSIDE, strided, tiledMain, tileFor, tileGroups, unrolled } from './convForwardTiled';
import type { ConvGeometry } from './convGeometry';
import { dispatch, type GpuKernel } from './gpuDispatch';
import type { ConvInputGradientImplementation } from './implementation';

function kernel(g: ConvGeometry): GpuKernel {
  const t = tileFor(g.inChannels);
  const inQuads = g.inChannels / 4;
  const outQuads = g.outChannels / 4;
  const sh = g.strideHeight;
  const sw = g.strideWidth;
  const tileQuads = t.depth / 4;
  const columnQuads = t.columns / 4;
  // Phase (0, 0) has the most pixels: every phase's tiles fit in its count, the others' spare tiles return.
  const mTiles = Math.ceil((g.batch * Math.ceil(g.inHeight / sh) * Math.ceil(g.inWidth / sw)) / t.rows);
  const nTiles = Math.ceil(g.inChannels / t.columns);
  const tiles = sh * sw * mTiles * nTiles;
  const aStep = t.threads / tileQuads;
  const aLoads = t.rows / aStep;
  const bElements = t.columns * tileQuads;
  return {
    name: 'ConvInputGradientTiled',
    key: JSON.stringify([g, t]),
    workgroups: tileGroups(tiles),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> dy: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> w: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> dx: array<vec4<f32>>;
// A[m][kq] (dy, 4 output channels per vec4) and W^T[n][kq] (4 output channels of input channel n per vec4).
var<workgroup> tileA: array<vec4<f32>, ${t.rows * tileQuads}>;
var<workgroup> tileB: array<vec4<f32>, ${bElements}>;

// One phase's geometry, the same for the whole workgroup: its pixels (ph + s*i, pw + s*j), i < hp, j < wp; its
// taps (khFirst + s*jh, kwFirst + s*jw), jh < nkh, jw < nkw; the tap (jh, jw) reaches pixel (i, j) from dy's
// (i + ohBase - jh, j + owBase - jw).
struct Phase {
  ph: i32, pw: i32, hp: i32, wp: i32,
  khFirst: i32, kwFirst: i32, nkh: i32, nkw: i32,
  ohBase: i32, owBase: i32,
}

fn phaseOf(p: u32) -> Phase {
  let ph = i32(p / ${sw}u);
  let pw = i32(p % ${sw}u);
  let khFirst = (ph + ${g.padTop}) % ${sh};
  let kwFirst = (pw + ${g.padLeft}) % ${sw};
  return Phase(ph, pw, (${g.inHeight} - ph + ${sh - 1}) / ${sh}, (${g.inWidth} - pw + ${sw - 1}) / ${sw},
    khFirst, kwFirst, (${g.kernelHeight} - khFirst + ${sh - 1}) / ${sh}, (${g.kernelWidth} - kwFirst + ${sw - 1}) / ${sw},
    (ph + ${g.padTop} - khFirst) / ${sh}, (pw + ${g.padLeft} - kwFirst) / ${sw});
}

/** Row m of phase f: (b * OH * OW, i + ohBase, j + owBase); rows past the phase's pixels lie far outside dy. */
fn origin(f: Phase, m: u32) -> vec3<i32> {
  let j = i32(m) % f.wp;
  let i = (i32(m) / f.wp) % f.hp;
  let b = i32(m) / (f.wp * f.hp);
  return vec3<i32>(min(b, ${g.batch - 1}) * ${g.outHeight * g.outWidth}, select(${OUTSIDE}, i + f.ohBase, b < ${g.batch}), j + f.owBase);
}

/** dy for row origin o at K quad kq (tap kq / COQ of the phase's, output channel quad kq % COQ): branch-free, a
 *  clamped read whose value is dropped outside dy. */
fn loadA(f: Phase, o: vec3<i32>, kq: u32) -> vec4<f32> {
  let taps = f.nkh * f.nkw;
  let tap = min(i32(kq / ${outQuads}u), taps - 1);
  let oh = o.y - tap / f.nkw;
  let ow = o.z - tap % f.nkw;
  let inside = (i32(kq / ${outQuads}u) < taps) & (oh >= 0) & (oh < ${g.outHeight}) & (ow >= 0) & (ow < ${g.outWidth});
  let v = dy[u32(o.x + clamp(oh, 0, ${g.outHeight - 1}) * ${g.outWidth} + clamp(ow, 0, ${g.outWidth - 1})) * ${outQuads}u + kq % ${outQuads}u];
  return select(vec4<f32>(0.0), v, inside);
}
${tiledMain(tiles, t.threads, /* wgsl */ `
  // tile = (phase * mTiles + mTile) * nTiles + nTile.
  let f = phaseOf(tile / ${mTiles * nTiles}u);
  let m0 = ((tile / ${nTiles}u) % ${mTiles}u) * ${t.rows}u;
  if (f.hp <= 0 || f.wp <= 0 || i32(m0) >= ${g.batch} * f.hp * f.wp) { return; }
  let n0 = (tile % ${nTiles}u) * ${t.columns}u;
  let kTiles = (u32(f.nkh * f.nkw) * ${outQuads}u + ${tileQuads - 1}u) / ${tileQuads}u;
  let tc = lid % ${columnQuads}u;
  let tr = lid / ${columnQuads}u;
  let aq = lid % ${tileQuads}u;
  let aRow = lid / ${tileQuads}u;
  ${unrolled(aLoads, (i) => `let o${i} = origin(f, m0 + aRow + ${i * aStep}u);`)}
  ${unrolled(BLOCK, (r) => `var acc${r} = vec4<f32>(0.0);`)}
  for (var kt = 0u; kt < kTiles; kt++) {
    ${unrolled(aLoads, (i) => `tileA[(aRow + ${i * aStep}u) * ${tileQuads}u + aq] = loadA(f, o${i}, kt * ${tileQuads}u + aq);`)}
    ${strided(bElements, t.threads, (e) => `{
      let ci = n0 + ${e} / ${tileQuads}u;
      let kq = kt * ${tileQuads}u + ${e} % ${tileQuads}u;
      let tap = min(i32(kq / ${outQuads}u), f.nkh * f.nkw - 1);
      let kh = f.khFirst + ${sh} * (tap / f.nkw);
      let kw = f.kwFirst + ${sw} * (tap % f.nkw);
      let v = w[(u32(kh * ${g.kernelWidth} + kw) * ${g.inChannels}u + min(ci, ${g.inChannels - 1}u)) * ${outQuads}u + kq % ${outQuads}u];
      tileB[${e}] = select(vec4<f32>(0.0), v, (ci < ${g.inChannels}u) & (i32(kq / ${outQuads}u) < f.nkh * f.nkw));
    }`)}
    workgroupBarrier();
    for (var kq = 0u; kq < ${tileQuads}u; kq++) {
      ${unrolled(BLOCK, (c) => `let b${c} = tileB[(tc * ${BLOCK}u + ${c}u) * ${tileQuads}u + kq];`)}
      ${unrolled(BLOCK, (r) => `{ let a = tileA[(tr * ${BLOCK}u + ${r}u) * ${tileQuads}u + kq]; acc${r} += vec4<f32>(dot(a, b0), dot(a, b1), dot(a, b2), dot(a, b3)); }`)}
    }
    workgroupBarrier();
  }
  let nq = n0 / 4u + tc;
  ${unrolled(BLOCK, (r) => `{
    let m = i32(m0 + tr * ${BLOCK}u + ${r}u);
    let b = m / (f.wp * f.hp);
    let ih = f.ph + ${sh} * ((m / f.wp) % f.hp);
    let iw = f.pw + ${sw} * (m % f.wp);
    if (b < ${g.batch} && nq < ${inQuads}u) { dx[u32((b * ${g.inHeight} + ih) * ${g.inWidth} + iw) * ${inQuads}u + nq] = acc${r}; }
  }`)}`)}`,
  };
}

export const workgroupTileConvInputGradient: ConvInputGradientImplementation = {
  name: 'workgroup-tile',
  description: 'implicit GEMM per stride phase: 128x16 / 128x32 / 64x64 input-gradient tiles staged in workgroup memory, 128-256 threads with 4x4 register blocks, a barrier pair per K-tile of 16 (for GPUs)',
  handles: (g) => g.inChannels % 4 === 0 && g.outChannels % 4 === 0,
  run: (g, { dy, filter, dx }) => dispatch(kernel(g), [dy, filter, dx]),
};
