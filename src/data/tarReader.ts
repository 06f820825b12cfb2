// A small reader for tar archives held in memory (ustar / POSIX pax / GNU long names, as written by GNU tar,
// bsdtar and Python's tarfile). Only regular files are returned; their bytes are views into the archive, so
// reading costs no copy. The official cifar-10-binary.tar.gz contains cifar-10-batches-bin/<name> entries.
import { DataFormatError } from './cifarFormat';

const BLOCK = 512;

export interface TarEntry {
  /** Base name, e.g. "data_batch_1.bin": the name the data code looks files up by. */
  name: string;
  /** Full path inside the archive, e.g. "cifar-10-batches-bin/data_batch_1.bin". */
  path: string;
  /** A view into the archive buffer (not a copy). */
  bytes: Uint8Array;
}

const textDecoder = new TextDecoder();

/** A NUL-terminated header field as text. */
function readString(header: Uint8Array, offset: number, length: number): string {
  const field = header.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return textDecoder.decode(end === -1 ? field : field.subarray(0, end));
}

/** A numeric field: octal text, or GNU base-256 (high bit of the first byte set) for sizes of 8 GB and up; NaN
 *  when it is neither. Not parseInt alone: it reads "-1" as -1, "17x" as 15 and "x" as NaN without a word,
 *  and a header with such a size (and a matching checksum) made readTar stop early or skip a member silently. */
function readNumber(header: Uint8Array, offset: number, length: number): number {
  if (header[offset] & 0x80) {
    let value = header[offset] & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + header[offset + i];
    return value;
  }
  const text = readString(header, offset, length).trim();
  if (text === '') return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : NaN;
}

/** A member size readTar can use: a whole number of bytes (base-256 can encode more than 2^53). */
const isSize = (size: number): boolean => Number.isSafeInteger(size) && size >= 0;

/** Header checksum: sum of the 512 bytes with the checksum field (148..155) counted as spaces. */
function checksumMatches(header: Uint8Array): boolean {
  const stored = readNumber(header, 148, 8);
  let unsigned = 0;
  let signed = 0; // some old tars summed signed chars; accept either, as GNU tar does
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : header[i];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

function isZeroBlock(header: Uint8Array): boolean {
  for (let i = 0; i < BLOCK; i++) if (header[i] !== 0) return false;
  return true;
}

/** True when `bytes` starts with a valid tar header: cheap enough to sniff an unknown file with. */
export function looksLikeTar(bytes: Uint8Array): boolean {
  if (bytes.length < BLOCK) return false;
  const header = bytes.subarray(0, BLOCK);
  return !isZeroBlock(header) && checksumMatches(header);
}

/** The "path" record of a pax extended header ("<length> path=<value>\n" records). */
function paxPath(data: Uint8Array): string | null {
  for (const record of textDecoder.decode(data).split('\n')) {
    const match = /^\d+ path=(.*)$/s.exec(record);
    if (match) return match[1];
  }
  return null;
}

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * The regular files of a tar archive, in archive order. Throws DataFormatError naming `archiveName` when the
 * input is not a tar archive, a header checksum fails, or the archive ends inside a file.
 */
export function readTar(bytes: Uint8Array, archiveName: string): TarEntry[] {
  if (!looksLikeTar(bytes)) {
    throw new DataFormatError(archiveName, 'is not a tar archive (no valid tar header at the start)');
  }
  const entries: TarEntry[] = [];
  let longPath: string | null = null; // from a GNU 'L' or pax 'x' header, applies to the next entry
  let offset = 0;
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (isZeroBlock(header)) break; // end-of-archive marker
    if (!checksumMatches(header)) {
      throw new DataFormatError(
        archiveName,
        `is corrupt: the tar header at byte ${offset} fails its checksum`,
        'The file was damaged in transfer; download it again.',
      );
    }
    const size = readNumber(header, 124, 12);
    if (!isSize(size)) {
      throw new DataFormatError(
        archiveName,
        `is corrupt: the tar header at byte ${offset} gives no valid size for "${readString(header, 0, 100)}"`,
        'The file was damaged in transfer; download it again.',
      );
    }
    const type = String.fromCharCode(header[156] || 0x30); // NUL is the old spelling of '0' (regular file)
    const dataStart = offset + BLOCK;
    if (dataStart + size > bytes.length) {
      throw new DataFormatError(
        archiveName,
        `is truncated: it ends inside "${readString(header, 0, 100)}" (${bytes.length - dataStart} of ${size} bytes)`,
        'The download was probably interrupted; download it again.',
      );
    }
    const data = bytes.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'L') {
      longPath = readString(data, 0, data.length);
    } else if (type === 'x') {
      longPath = paxPath(data) ?? longPath;
    } else {
      const isUstar = readString(header, 257, 6).startsWith('ustar');
      const prefix = isUstar ? readString(header, 345, 155) : '';
      const headerPath = (prefix ? `${prefix}/` : '') + readString(header, 0, 100);
      const path = longPath ?? headerPath;
      longPath = null;
      if (type === '0' || type === '7') entries.push({ name: baseName(path), path, bytes: data });
      // Directories, links, devices and global pax headers ('g') carry no file data we need.
    }
  }
  return entries;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Follows a tar archive's headers while its bytes arrive (a .tar.gz being decompressed, chunk by chunk) and
 * throws a DataFormatError as soon as a header announces a member larger than `maxMemberBytes`, or the archive
 * grows past `maxTotalBytes`: a compression bomb (1 GiB of zeros is 1 MB of gzip) is refused at its header,
 * after reading a few kilobytes, instead of after filling memory with it.
 */
export class TarSizeGuard {
  private seen = 0;
  /** Absolute offset of the next header, and the bytes of it collected so far. */
  private nextHeader = 0;
  private header = new Uint8Array(BLOCK);
  private headerFilled = 0;
  private ended = false;

  constructor(
    private readonly archiveName: string,
    private readonly maxMemberBytes: number,
    private readonly maxTotalBytes: number,
    private readonly expected: string,
  ) {}

  push(chunk: Uint8Array): void {
    const chunkStart = this.seen;
    this.seen += chunk.length;
    if (this.seen > this.maxTotalBytes) {
      throw new DataFormatError(this.archiveName, `decompresses to more than ${count(this.maxTotalBytes)} bytes, more than CIFAR-10's archive holds`, this.expected);
    }
    while (!this.ended && this.nextHeader < this.seen) {
      const from = this.nextHeader + this.headerFilled - chunkStart;
      const part = chunk.subarray(Math.max(0, from), Math.max(0, from) + BLOCK - this.headerFilled);
      this.header.set(part, this.headerFilled);
      this.headerFilled += part.length;
      if (this.headerFilled < BLOCK) return; // the rest of the header is in the next chunk
      this.headerFilled = 0;
      this.check(this.header);
    }
  }

  private check(header: Uint8Array): void {
    // An end marker or a damaged header: readTar() says what it is once the archive is whole.
    if (isZeroBlock(header) || !checksumMatches(header)) {
      this.ended = true;
      return;
    }
    const size = readNumber(header, 124, 12);
    // A size that is no number cannot be followed to the next header: readTar names it once the archive is whole.
    if (!isSize(size)) {
      this.ended = true;
      return;
    }
    if (size > this.maxMemberBytes) {
      throw new DataFormatError(
        this.archiveName,
        `holds “${readString(header, 0, 100)}” of ${count(size)} bytes, larger than any file of CIFAR-10 (${count(this.maxMemberBytes)} bytes), so it is not the CIFAR-10 archive`,
        this.expected,
      );
    }
    this.nextHeader += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
}
