// Test-only builders: synthetic CIFAR-10 batch files, a minimal tar writer, gzip via CompressionStream, and
// File-like objects with controllable chunking. Web APIs only, like the code under test.
import { IMAGE_BYTES, RECORD_BYTES } from '../cifarFormat';
import type { UserFile } from '../archive';

/** Label of `record` in a synthetic file made with `seed`. */
export const syntheticLabel = (record: number, seed: number): number => (record * 7 + seed) % 10;
/** Pixel byte at CHW offset `offset` (0..3071) of `record`. */
export const syntheticPixel = (record: number, offset: number, seed: number): number => (offset + 3 * record + seed) & 0xff;

/** A batch file of `records` records with the labels and pixels above (the official size at 10,000 records). */
export function makeBatchBytes(records: number, seed = 0): Uint8Array {
  const bytes = new Uint8Array(records * RECORD_BYTES);
  for (let record = 0; record < records; record++) {
    const base = record * RECORD_BYTES;
    bytes[base] = syntheticLabel(record, seed);
    for (let offset = 0; offset < IMAGE_BYTES; offset++) bytes[base + 1 + offset] = syntheticPixel(record, offset, seed);
  }
  return bytes;
}

export interface TarInput {
  path: string;
  bytes: Uint8Array;
  /** '0' regular file (default), '5' directory, 'L' GNU long name, 'x' pax header. */
  type?: string;
  /** The size the header claims, when it should differ from bytes.length (a bomb's 1 GiB member). */
  declaredSize?: number;
}

const encoder = new TextEncoder();

function writeField(header: Uint8Array, offset: number, length: number, text: string): void {
  header.set(encoder.encode(text).subarray(0, length), offset);
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0');
}

/** A ustar archive (names up to 100 bytes; longer ones need an 'L' or 'x' entry first, as GNU tar writes). */
export function writeTar(entries: readonly TarInput[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const header = new Uint8Array(512);
    writeField(header, 0, 100, entry.path);
    writeField(header, 100, 8, octal(0o644, 8));
    writeField(header, 108, 8, octal(0, 8));
    writeField(header, 116, 8, octal(0, 8));
    writeField(header, 124, 12, octal(entry.declaredSize ?? entry.bytes.length, 12));
    writeField(header, 136, 12, octal(0, 12));
    writeField(header, 156, 1, entry.type ?? '0');
    writeField(header, 257, 6, 'ustar');
    writeField(header, 263, 2, '00');
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of header) sum += byte;
    writeField(header, 148, 8, `${octal(sum, 7)}\0`);
    blocks.push(header, entry.bytes, new Uint8Array((512 - (entry.bytes.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024)); // end-of-archive marker
  return concat(blocks);
}

/** Element-wise equality of two typed arrays. Vitest's toEqual walks object keys, which for a 30 MB array
 *  takes minutes and gigabytes; use expect(sameElements(a, b)).toBe(true) for big arrays. */
export function sameElements(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): boolean {
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

export const gzip = (bytes: Uint8Array): Promise<Uint8Array> => transform(bytes, new CompressionStream('gzip'));

/** Deterministic noise (xorshift32), e.g. for "random bytes" inputs. */
export function noise(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let state = seed || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** A File-like object over `bytes`, streamed in chunks of `chunkBytes` (browsers use about 64 KB). */
export function userFile(name: string, bytes: Uint8Array, chunkBytes = 65_536): UserFile {
  return chunkedFile(name, bytes.length, function* () {
    for (let offset = 0; offset < bytes.length; offset += chunkBytes) yield bytes.subarray(offset, offset + chunkBytes);
  });
}

/** A File-like object of `size` bytes whose content is produced lazily (for 170 MB inputs). */
export function chunkedFile(name: string, size: number, chunks: () => Iterator<Uint8Array>): UserFile {
  return {
    name,
    size,
    stream: () => {
      const iterator = chunks();
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
      });
    },
  };
}

/** The six official file names with valid synthetic content (about 184 MB); each file has its own seed. */
export function makeValidFiles(records = 10_000): Map<string, Uint8Array> {
  const names = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'];
  return new Map(names.map((name, seed) => [name, makeBatchBytes(records, seed)]));
}
