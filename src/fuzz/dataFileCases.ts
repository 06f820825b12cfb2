// Hostile dataset files, a few KB each: small batch files, tar and tar.gz archives of them, truncated,
// bit-flipped, overwritten, with tar header fields rewritten (and their checksums made to match again, so the
// reader has to look past the checksum), gzip with junk around it, other formats, files that fail while read.
import type { UserFile } from '../data/archive';
import { RECORD_BYTES } from '../data/cifarFormat';
import { chunkedFile, concat, gzip, makeBatchBytes, writeTar, type TarInput } from '../data/testing/fixtures';
import { badBins } from './badBinCases';
import { type Fuzz, randomText } from './fuzzInputs';

export interface DataFileCase {
  what: string;
  files: UserFile[];
  /** The uncompressed tar inside the case, for readTar and TarSizeGuard on their own. */
  tar?: Uint8Array;
  /** Set when the tar has a header that must be refused even though its checksum matches. */
  mustRefuse?: string;
  /** Texts the message must hold: each bad file named with its own defect. */
  mustSay?: string[];
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The official layout, with tiny batch files (1 to 3 records): a few KB in all. */
function tarEntries(fuzz: Fuzz): TarInput[] {
  const entries: TarInput[] = [{ path: 'cifar-10-batches-bin/', bytes: new Uint8Array(0), type: '5' }];
  for (const name of ['data_batch_1.bin', 'test_batch.bin'].filter(() => fuzz.chance(0.8))) {
    entries.push({ path: `cifar-10-batches-bin/${name}`, bytes: makeBatchBytes(fuzz.between(1, 2), fuzz.int(10)) });
  }
  if (fuzz.chance(0.5)) entries.push({ path: 'cifar-10-batches-bin/batches.meta.txt', bytes: text('airplane\nautomobile\n') });
  if (fuzz.chance(0.2)) entries.unshift({ path: '././@LongLink', bytes: text(`${'long/'.repeat(30)}data_batch_2.bin\0`), type: 'L' });
  return entries;
}

/** Offsets of the headers writeTar wrote for `entries`. */
function headerOffsets(entries: readonly TarInput[]): number[] {
  let offset = 0;
  return entries.map((entry) => {
    const here = offset;
    offset += 512 + Math.ceil(entry.bytes.length / 512) * 512;
    return here;
  });
}

/** Sizes a header may claim: not octal at all, octal with junk after it, and the legal but hostile. */
const BAD_SIZE_TEXTS = ['zzzzzzzzzzz', '0000000009x', '00000001 7', '-0000000001', '1e10', 'NaN', '0x0000001ff', '８'];
const HOSTILE_SIZES: readonly (readonly number[])[] = [
  [...text('77777777777')], // 8 GiB - 1: past the end of any small archive
  [0x80, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff], // GNU base-256: 4 GiB
  new Array(12).fill(0xff), // base-256 past 2^53
  [...text('00000000000')],
];

/** The header at `at` with `bytes` written at `field` (NUL-padded to `length`) and a matching checksum. */
function rewriteHeader(tar: Uint8Array, at: number, field: number, length: number, bytes: readonly number[]): Uint8Array {
  const copy = tar.slice();
  copy.fill(0, at + field, at + field + length);
  copy.set(bytes.slice(0, length), at + field);
  copy.fill(0x20, at + 148, at + 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += copy[at + i];
  copy.set(text(`${sum.toString(8).padStart(6, '0')}\0 `), at + 148);
  return copy;
}

/** Damage anywhere: truncation, flipped bits, an overwritten range, bytes added before, inside or after. */
function damaged(fuzz: Fuzz, bytes: Uint8Array): { bytes: Uint8Array; what: string } {
  const at = fuzz.int(bytes.length + 1);
  switch (fuzz.int(6)) {
    case 0:
      return { bytes: bytes.slice(0, at), what: `cut at byte ${at}` };
    case 1: {
      const copy = bytes.slice();
      const flips = fuzz.between(1, 8);
      for (let i = 0; i < flips && copy.length > 0; i++) copy[fuzz.int(copy.length)] ^= 1 << fuzz.int(8);
      return { bytes: copy, what: `${flips} bits flipped` };
    }
    case 2: {
      const copy = bytes.slice();
      const junk = fuzz.bytes(fuzz.between(1, 600));
      copy.set(junk.subarray(0, Math.max(0, copy.length - at)), at);
      return { bytes: copy, what: `bytes from ${at} overwritten` };
    }
    case 3:
      return { bytes: concat([bytes.subarray(0, at), fuzz.bytes(fuzz.between(1, 600)), bytes.subarray(at)]), what: `junk inserted at ${at}` };
    case 4:
      return { bytes: concat([fuzz.bytes(fuzz.between(1, 600)), bytes]), what: 'junk before it' };
    default:
      return { bytes: concat([bytes, fuzz.bytes(fuzz.between(1, 600))]), what: 'junk after it' };
  }
}

/** A tar whose header fields are rewritten with a valid checksum: size, type, name, ustar prefix. */
function rewrittenTar(fuzz: Fuzz): DataFileCase {
  const entries = tarEntries(fuzz);
  const tar = writeTar(entries);
  const offsets = headerOffsets(entries);
  const index = fuzz.int(offsets.length);
  const at = offsets[index];
  const roll = fuzz.int(4);
  if (roll === 0) {
    const size = fuzz.pick(BAD_SIZE_TEXTS);
    const bytes = rewriteHeader(tar, at, 124, 12, [...text(size)]);
    return { what: `tar, header ${index} size “${size}”`, files: [fileOf(fuzz, 'cifar.tar', bytes)], tar: bytes, mustRefuse: `its header ${index} gives the size “${size}”, which is not an octal number` };
  }
  let bytes: Uint8Array;
  if (roll === 1) bytes = rewriteHeader(tar, at, 124, 12, fuzz.pick(HOSTILE_SIZES));
  else if (roll === 2) bytes = rewriteHeader(tar, at, 156, 1, [fuzz.int(256)]);
  else bytes = rewriteHeader(tar, at, fuzz.pick([0, 345]), fuzz.pick([100, 155]), [...text(randomText(fuzz, 60))].slice(0, 100));
  return { what: `tar, header ${index} rewritten (${['', 'size', 'type', 'name'][roll]})`, files: [fileOf(fuzz, 'cifar.tar', bytes)], tar: bytes };
}

/** Browsers deliver a file in chunks of about 64 KB; smaller chunks put header boundaries mid-chunk. */
function fileOf(fuzz: Fuzz, name: string, bytes: Uint8Array): UserFile {
  const chunk = fuzz.pick([1, 7, 512, 4_096, 65_536]);
  return chunkedFile(name, bytes.length, function* () {
    for (let offset = 0; offset < bytes.length; offset += chunk) yield bytes.subarray(offset, offset + chunk);
  });
}

/** A file whose reading fails part-way (deleted or changed on disk meanwhile), or that is longer than it said. */
function unreliableFile(fuzz: Fuzz, name: string, bytes: Uint8Array): UserFile {
  if (fuzz.chance(0.5)) return chunkedFile(name, Math.max(0, bytes.length - fuzz.between(1, 100)), () => [bytes][Symbol.iterator]());
  const readable = bytes.slice(0, fuzz.int(bytes.length + 1)); // drawn now: the stream is made later
  return {
    name,
    size: bytes.length,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          if (readable.length > 0) controller.enqueue(readable);
          controller.error(new DOMException('A requested file or directory could not be found.', 'NotFoundError'));
        },
      }),
  };
}

const NAMES = ['data_batch_1.bin', 'test_batch.bin', 'cifar-10-binary.tar.gz', 'cifar.tar', 'batches.meta.txt', 'readme.html', '.DS_Store', 'holiday.png', 'data_batch_1', 'DATA_BATCH_1.BIN', 'archive'];
const OTHER_FORMATS = [[0x50, 0x4b, 0x03, 0x04], [0x89, 0x50, 0x4e, 0x47], [0x42, 0x5a, 0x68], [0x80, 0x02], [0x3c, 0x21], [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]];

function fileName(fuzz: Fuzz): string {
  return fuzz.chance(0.85) ? fuzz.pick(NAMES) : `${randomText(fuzz, 12)}${fuzz.pick(['.bin', '.tar', '.tar.gz', ''])}`;
}

/** One hostile set of files (usually one file, sometimes a few picked together). */
export async function hostileDataFiles(fuzz: Fuzz): Promise<DataFileCase> {
  const roll = fuzz.int(14);
  if (roll < 2) return rewrittenTar(fuzz);
  const tar = writeTar(tarEntries(fuzz));
  if (roll < 4) {
    const { bytes, what } = damaged(fuzz, tar);
    return { what: `tar, ${what}`, files: [fileOf(fuzz, fuzz.pick(['cifar.tar', 'x.bin', 'cifar-10-binary.tar.gz']), bytes)], tar: bytes };
  }
  if (roll < 7) {
    // gzip around a damaged tar, or damage to the gzip itself.
    const inner = fuzz.chance(0.4) ? damaged(fuzz, tar) : { bytes: tar, what: 'intact tar' };
    const outer = fuzz.chance(0.6) ? damaged(fuzz, await gzip(inner.bytes)) : { bytes: await gzip(inner.bytes), what: 'intact gzip' };
    return { what: `tar.gz: ${inner.what}, ${outer.what}`, files: [fileOf(fuzz, 'cifar-10-binary.tar.gz', outer.bytes)], tar: inner.bytes };
  }
  if (roll < 8) {
    const payload = fuzz.chance(0.5) ? fuzz.bytes(fuzz.between(0, 3_000)) : makeBatchBytes(1);
    return { what: 'gzip of something that is not a tar', files: [fileOf(fuzz, 'cifar-10-binary.tar.gz', await gzip(payload))] };
  }
  if (roll < 9) {
    // Batch files by name: short, cut mid-record, labels out of range.
    const batch = makeBatchBytes(fuzz.between(1, 2), fuzz.int(10));
    const { bytes, what } = fuzz.chance(0.5) ? damaged(fuzz, batch) : { bytes: batch.subarray(0, fuzz.int(batch.length) || RECORD_BYTES), what: 'cut' };
    return { what: `batch file, ${what}`, files: [fileOf(fuzz, fuzz.pick(['data_batch_1.bin', 'test_batch.bin', 'other.bin']), bytes)] };
  }
  if (roll < 10) {
    const head = fuzz.chance(0.5) ? fuzz.pick(OTHER_FORMATS) : [];
    return { what: 'random bytes', files: [fileOf(fuzz, fileName(fuzz), concat([new Uint8Array(head), fuzz.bytes(fuzz.int(2_000))]))] };
  }
  if (roll >= 12) {
    // Bad .bin files under CIFAR-10's names or their own, several at once: each is named with its defect.
    const { files, mustSay } = badBins(fuzz, (name, bytes) => fileOf(fuzz, name, bytes));
    return { what: `${files.length} bad .bin files`, files, mustSay };
  }
  if (roll < 11) return { what: 'a file that fails or changes while read', files: [unreliableFile(fuzz, fuzz.pick(NAMES), fuzz.chance(0.5) ? tar : await gzip(tar))] };
  // Several files at once: the good ones must not hide the bad one's message.
  const files = [fileOf(fuzz, 'data_batch_1.bin', makeBatchBytes(1)), fileOf(fuzz, fileName(fuzz), damaged(fuzz, tar).bytes), fileOf(fuzz, '', new Uint8Array(0))];
  return { what: 'several files', files: files.filter(() => fuzz.chance(0.8)) };
}
