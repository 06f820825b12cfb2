// A minimal ZIP reader for the tests, written from the format's description (PKWARE APPNOTE 6.3), not from the
// writer: it starts at the end record and walks the central directory, as unzip does, checks each local header
// against its central entry, and each file's CRC-32. Stored (uncompressed) entries only.
import { expect } from 'vitest';
import { crc32 } from '../zip';

export interface ReadEntry {
  path: string;
  bytes: Uint8Array;
  flags: number;
  method: number;
  date: number;
  time: number;
}

/** Finds the end record, walks the central directory, and checks each local header against it. */
export function readZip(zip: Uint8Array): ReadEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22; // no archive comment
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  const centralSize = view.getUint32(end + 12, true);
  let at = view.getUint32(end + 16, true);
  expect(at + centralSize).toBe(end);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const time = view.getUint16(at + 12, true);
    const date = view.getUint16(at + 14, true);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    expect(view.getUint32(at + 24, true)).toBe(size);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = zip.subarray(at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    expect(view.getUint32(localOffset, true)).toBe(0x04034b50);
    expect(view.getUint32(localOffset + 14, true)).toBe(crc);
    expect(zip.subarray(localOffset + 30, localOffset + 30 + nameLength)).toEqual(name);
    const dataStart = localOffset + 30 + nameLength + view.getUint16(localOffset + 28, true);
    const bytes = zip.slice(dataStart, dataStart + size);
    expect(crc32(bytes)).toBe(crc);
    entries.push({ path: decoder.decode(name), bytes, flags, method, date, time });
  }
  expect(at).toBe(end);
  return entries;
}
