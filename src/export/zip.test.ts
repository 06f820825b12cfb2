// The ZIP writer, read back by a reader written for the tests from the format's description (testing/zipReader.ts),
// so the test does not trust the writer's own idea of its layout.
import { describe, expect, it } from 'vitest';
import { readZip } from './testing/zipReader';
import { crc32, dosDateTime, writeZip, type ZipEntry } from './zip';

const text = (value: string) => new TextEncoder().encode(value);

describe('crc32', () => {
  it('gives the standard check value for "123456789", and 0 for nothing', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('writeZip', () => {
  const entries: ZipEntry[] = [
    { path: 'folder/script.py', bytes: text('print("hello")\r\n# keeps CRLF and ü\n') },
    { path: 'folder/empty.txt', bytes: new Uint8Array(0) },
    { path: 'folder/Über größe ½.md', bytes: text('UTF-8 name') },
    { path: 'folder/weights/01.bin', bytes: Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 0xff) },
  ];

  it('stores every file so that a reader gets back the same names and bytes, in order', () => {
    const read = readZip(writeZip(entries, new Date(2026, 11, 2, 13, 45, 31)));
    expect(read.map((entry) => entry.path)).toEqual(entries.map((entry) => entry.path));
    read.forEach((entry, index) => expect(entry.bytes).toEqual(entries[index].bytes));
    expect(read.every((entry) => entry.method === 0)).toBe(true);
    expect(read.every((entry) => (entry.flags & 0x0800) !== 0)).toBe(true); // names are UTF-8
  });

  it('writes the DOS date and time given, or those of a Date (2-second resolution)', () => {
    const when = dosDateTime(new Date(2026, 11, 2, 13, 45, 31));
    expect(when).toEqual({ date: ((2026 - 1980) << 9) | (12 << 5) | 2, time: (13 << 11) | (45 << 5) | 15 });
    const read = readZip(writeZip(entries.slice(0, 1), { date: 0x5b82, time: 0x6d6f }));
    expect(read[0]).toMatchObject({ date: 0x5b82, time: 0x6d6f });
    expect(dosDateTime(new Date(1970, 0, 1))).toEqual({ date: (1 << 5) | 1, time: 0 });
  });

  it('writes an empty archive as just its end record', () => {
    const zip = writeZip([], new Date(2026, 0, 1));
    expect(zip.length).toBe(22);
    expect(readZip(zip)).toEqual([]);
  });

  it('refuses paths that would unzip outside the folder, or twice', () => {
    const file = (path: string) => ({ path, bytes: new Uint8Array(1) });
    const when = new Date(2026, 0, 1);
    expect(() => writeZip([file('a/../../etc/passwd')], when)).toThrow(/'\.\.'/);
    expect(() => writeZip([file('..')], when)).toThrow(/'\.\.'/);
    expect(() => writeZip([file('/etc/passwd')], when)).toThrow(/starts with '\/'/);
    expect(() => writeZip([file('a\\b')], when)).toThrow(/'\\'/);
    expect(() => writeZip([file('')], when)).toThrow(/empty/);
    expect(() => writeZip([file('a/b'), file('a/b')], when)).toThrow(/twice/);
    // Dots inside a name are fine.
    expect(readZip(writeZip([file('a/file..v2.txt')], when))[0].path).toBe('a/file..v2.txt');
  });
});
