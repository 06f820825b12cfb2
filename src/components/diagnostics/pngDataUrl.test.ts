import { describe, expect, it } from 'vitest';
import { crc32 } from '../../export/zip';
import { encodePng, pngDataUrl } from './pngDataUrl';

/** zlib data inflated by the platform's own decompressor (not ours). */
async function inflateSync(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([Uint8Array.from(data)]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The chunks of a PNG file: type and data, with each CRC checked. */
function chunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const found: { type: string; data: Uint8Array }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    expect(view.getUint32(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    found.push({ type, data });
    at += 12 + length;
  }
  return found;
}

describe('pngDataUrl', () => {
  it('computes the CRC-32 PNG uses', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes a valid RGBA PNG whose pixels inflate back, row by row, transparency kept', async () => {
    const width = 3;
    const height = 2;
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 37) % 256);
    rgba[3] = 0; // a transparent pixel (no value in the heatmap)
    const png = encodePng(rgba, width, height);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [header, data, end] = chunks(png);
    expect(header.type).toBe('IHDR');
    const headerView = new DataView(header.data.buffer, header.data.byteOffset, 13);
    expect([headerView.getUint32(0), headerView.getUint32(4), ...header.data.subarray(8)]).toEqual([3, 2, 8, 6, 0, 0, 0]);
    expect(end.type).toBe('IEND');
    const rows = await inflateSync(data.data);
    expect(rows.length).toBe(height * (1 + width * 4));
    for (let y = 0; y < height; y++) {
      expect(rows[y * 13]).toBe(0);
      expect(Array.from(rows.subarray(y * 13 + 1, (y + 1) * 13))).toEqual(Array.from(rgba.subarray(y * 12, (y + 1) * 12)));
    }
  });

  it('splits more than 64 KiB of pixels over several stored blocks', async () => {
    const width = 400;
    const height = 111; // ResNet-110's layers by 400 samples: 177 KB of pixels
    const rgba = Uint8Array.from({ length: width * height * 4 }, (_, i) => i % 251);
    const [, data] = chunks(encodePng(rgba, width, height));
    const rows = await inflateSync(data.data);
    expect(rows.length).toBe(height * (1 + width * 4));
    expect(rows[(height - 1) * (1 + width * 4) + 1 + 5]).toBe(rgba[(height - 1) * width * 4 + 5]);
  });

  it('gives a data URL and refuses pixels of the wrong size', () => {
    expect(pngDataUrl(new Uint8Array(4), 1, 1)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(() => encodePng(new Uint8Array(5), 1, 1)).toThrow(/expected 4 bytes/);
  });
});
