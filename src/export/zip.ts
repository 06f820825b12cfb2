// A minimal ZIP writer (PKWARE APPNOTE 6.3): every file stored as is (method 0, no compression), so a folder of
// a script, a few text files and safetensors weights downloads as one file without a compression library. The
// weights are float32 noise that deflate would barely shrink anyway. No ZIP64: an entry or the whole archive
// must stay under 4 GiB, far above what the app writes.

export interface ZipEntry {
  /** Path inside the archive, '/'-separated, e.g. 'folder/weights/01-plain-20-seed-0.safetensors'. */
  path: string;
  bytes: Uint8Array;
}

/** MS-DOS date and time fields, as ZIP stores a file's modification time (local time, 2-second resolution). */
export interface DosDateTime {
  date: number;
  time: number;
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const END_RECORD_BYTES = 22;
/** 2.0: the version every unzip reads; nothing here needs a later feature. */
const VERSION = 20;
/** General-purpose flag bit 11: names are UTF-8 (otherwise readers assume code page 437). */
const UTF8_NAMES = 0x0800;
const STORED = 0;
/** Without ZIP64, sizes, offsets and the entry count are 32- and 16-bit fields. */
const MAX_UINT32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as ZIP and PNG use it; unsigned. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The DOS fields of a local date and time; DOS dates start in 1980 (earlier ones are clamped to it). */
export function dosDateTime(when: Date): DosDateTime {
  if (when.getFullYear() < 1980) return { date: (1 << 5) | 1, time: 0 };
  const year = Math.min(when.getFullYear(), 2107) - 1980;
  return {
    date: (year << 9) | ((when.getMonth() + 1) << 5) | when.getDate(),
    time: (when.getHours() << 11) | (when.getMinutes() << 5) | Math.floor(when.getSeconds() / 2),
  };
}

/** Why a path cannot go into the archive, or null. Unzipping must never write outside the folder it unzips into. */
function pathProblem(path: string): string | null {
  if (path === '') return 'an empty path';
  if (path.startsWith('/')) return `"${path}" starts with '/'`;
  if (path.includes('\\')) return `"${path}" contains '\\' (ZIP paths are '/'-separated)`;
  const segments = path.split('/');
  if (segments.includes('..')) return `"${path}" contains '..'`;
  if (segments.some((segment) => segment === '' || segment === '.')) return `"${path}" has an empty or '.' segment`;
  return null;
}

/** One archive holding `entries` in the order given, each stored (uncompressed) with the same modification time. */
export function writeZip(entries: readonly ZipEntry[], modified: Date | DosDateTime): Uint8Array<ArrayBuffer> {
  const { date, time } = modified instanceof Date ? dosDateTime(modified) : modified;
  if (entries.length > MAX_ENTRIES) throw new RangeError(`writeZip: ${entries.length} files is more than a ZIP without ZIP64 holds`);
  const seen = new Set<string>();
  const encoder = new TextEncoder();
  const files = entries.map((entry) => {
    const problem = pathProblem(entry.path);
    if (problem) throw new RangeError(`writeZip: ${problem}`);
    if (seen.has(entry.path)) throw new RangeError(`writeZip: "${entry.path}" is in the list twice`);
    seen.add(entry.path);
    const name = encoder.encode(entry.path);
    if (name.length > 0xffff) throw new RangeError(`writeZip: the path "${entry.path.slice(0, 40)}…" is too long`);
    return { name, bytes: entry.bytes, crc: crc32(entry.bytes) };
  });

  const localBytes = files.reduce((sum, file) => sum + LOCAL_HEADER_BYTES + file.name.length + file.bytes.length, 0);
  const centralBytes = files.reduce((sum, file) => sum + CENTRAL_HEADER_BYTES + file.name.length, 0);
  if (localBytes + centralBytes > MAX_UINT32) throw new RangeError('writeZip: the archive would exceed 4 GiB, which needs ZIP64');

  const zip = new Uint8Array(localBytes + centralBytes + END_RECORD_BYTES);
  const view = new DataView(zip.buffer);
  let at = 0;
  const u16 = (value: number) => {
    view.setUint16(at, value, true);
    at += 2;
  };
  const u32 = (value: number) => {
    view.setUint32(at, value, true);
    at += 4;
  };
  const bytes = (value: Uint8Array) => {
    zip.set(value, at);
    at += value.length;
  };
  // The fields both headers share, from "version needed" to "extra field length".
  const commonFields = (file: (typeof files)[number]) => {
    u16(VERSION);
    u16(UTF8_NAMES);
    u16(STORED);
    u16(time);
    u16(date);
    u32(file.crc);
    u32(file.bytes.length); // compressed size: stored, so the same
    u32(file.bytes.length);
    u16(file.name.length);
    u16(0); // no extra field
  };

  const offsets: number[] = [];
  for (const file of files) {
    offsets.push(at);
    u32(LOCAL_HEADER_SIGNATURE);
    commonFields(file);
    bytes(file.name);
    bytes(file.bytes);
  }
  const centralStart = at;
  files.forEach((file, index) => {
    u32(CENTRAL_HEADER_SIGNATURE);
    u16(VERSION); // version made by: MS-DOS attributes (none set), so unzip gives the user's default permissions
    commonFields(file);
    u16(0); // file comment length
    u16(0); // disk number start
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(offsets[index]);
    bytes(file.name);
  });
  u32(END_OF_CENTRAL_DIRECTORY_SIGNATURE);
  u16(0); // this disk
  u16(0); // the disk where the central directory starts
  u16(files.length);
  u16(files.length);
  u32(centralBytes);
  u32(centralStart);
  u16(0); // comment length
  return zip;
}
