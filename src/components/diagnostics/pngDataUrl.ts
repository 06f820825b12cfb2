// A few thousand RGBA pixels (a heatmap of layers x samples, a 32x32 CIFAR image) as a PNG data URL, for an <img>.
//
// Why not a <canvas>: in Chromium the first canvas a page paints into waits for the GPU process, and while a run
// trained on SwiftShader that first putImageData took 0.5 s in one main-thread task (issue 20, finding 2). An
// <img> is decoded and uploaded on the compositor's side, never holding the page. The pixels are stored
// uncompressed (deflate's "stored" blocks): they are small, and no compressor needs to ship.

import { crc32 } from '../../export/zip';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Deflate's stored block holds at most this many bytes. */
const MAX_STORED_BLOCK = 65_535;

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65_521;
    b = (b + a) % 65_521;
  }
  return ((b << 16) | a) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The PNG file of `rgba` (width x height pixels, 4 bytes each, row by row). */
export function encodePng(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes for ${width}x${height} RGBA, got ${rgba.length}`);
  const header = new Uint8Array(13);
  const headerView = new DataView(header.buffer);
  headerView.setUint32(0, width);
  headerView.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method choice, not interlaced
  // Each row starts with its filter type (0: none).
  const rows = new Uint8Array(height * (1 + width * 4));
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  // zlib: a header, stored blocks, the Adler-32 of the data.
  const blocks = Math.max(1, Math.ceil(rows.length / MAX_STORED_BLOCK));
  const zlib = new Uint8Array(2 + rows.length + 5 * blocks + 4);
  zlib.set([0x78, 0x01], 0);
  let at = 2;
  for (let i = 0; i < blocks; i++) {
    const part = rows.subarray(i * MAX_STORED_BLOCK, (i + 1) * MAX_STORED_BLOCK);
    zlib[at] = i === blocks - 1 ? 1 : 0;
    zlib[at + 1] = part.length & 0xff;
    zlib[at + 2] = part.length >>> 8;
    zlib[at + 3] = ~part.length & 0xff;
    zlib[at + 4] = (~part.length >>> 8) & 0xff;
    zlib.set(part, at + 5);
    at += 5 + part.length;
  }
  new DataView(zlib.buffer).setUint32(at, adler32(rows));
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', header), chunk('IDAT', zlib), chunk('IEND', new Uint8Array(0))];
  const file = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    file.set(part, offset);
    offset += part.length;
  }
  return file;
}

/** `data:image/png;base64,…` of the pixels. */
export function pngDataUrl(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): string {
  const png = encodePng(rgba, width, height);
  let binary = '';
  for (let i = 0; i < png.length; i += 0x8000) binary += String.fromCharCode(...png.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(binary)}`;
}
