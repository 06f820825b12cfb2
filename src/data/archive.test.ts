import { describe, expect, it } from 'vitest';
import { readUserFiles, type UserFile } from './archive';
import { DataFormatError, OFFICIAL_ARCHIVE_BYTES } from './cifarFormat';
import { assembleDataset } from './cifarParser';
import {
  chunkedFile,
  concat,
  gzip,
  makeBatchBytes,
  makeValidFiles,
  noise,
  sameElements,
  userFile,
  writeTar,
} from './testing/fixtures';

const ignoreProgress = (): void => undefined;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

async function rejection(files: UserFile[]): Promise<DataFormatError> {
  try {
    await readUserFiles(files, ignoreProgress);
  } catch (error) {
    expect(error).toBeInstanceOf(DataFormatError);
    return error as DataFormatError;
  }
  throw new Error('expected readUserFiles to reject');
}

/** The official folder layout as tar entries. */
const tarEntries = (files: Map<string, Uint8Array>) => [
  { path: 'cifar-10-batches-bin/', bytes: new Uint8Array(0), type: '5' },
  ...[...files].map(([name, bytes]) => ({ path: `cifar-10-batches-bin/${name}`, bytes })),
  { path: 'cifar-10-batches-bin/batches.meta.txt', bytes: text('airplane\n') },
  { path: 'cifar-10-batches-bin/readme.html', bytes: text('<html></html>') },
];

/** An empty gzip member of exactly `bytes` bytes (22..65,557): header with an FEXTRA field of padding. */
function emptyGzipMember(bytes: number): Uint8Array {
  const extra = bytes - 22;
  const member = new Uint8Array(bytes);
  member.set([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, extra & 0xff, extra >> 8]); // FLG.FEXTRA, XLEN
  member.set([0x03, 0x00], 12 + extra); // an empty final deflate block; CRC-32 and ISIZE of nothing are 0
  return member;
}

/** `head` followed by empty gzip members up to `size` bytes: still valid gzip, same decompressed content. */
function paddedGzipFile(name: string, head: Uint8Array, size: number): UserFile {
  const full = emptyGzipMember(65_557);
  return chunkedFile(name, size, function* () {
    yield head;
    let remaining = size - head.length;
    while (remaining > 65_557 + 22) {
      yield full;
      remaining -= full.length;
    }
    if (remaining > 65_557) {
      yield emptyGzipMember(remaining - 100);
      remaining = 100;
    }
    yield emptyGzipMember(remaining);
  });
}

describe('readUserFiles accepts', () => {
  const files = makeValidFiles();

  it('the six .bin files (and ignores batches.meta.txt), reporting progress up to 1', async () => {
    const picked = [...files].map(([name, bytes]) => userFile(name, bytes));
    picked.push(userFile('batches.meta.txt', text('airplane\n')));
    const fractions: number[] = [];
    const result = await readUserFiles(picked, (fraction) => fractions.push(fraction));
    expect([...result.keys()].sort()).toEqual([...files.keys()].sort());
    expect(sameElements(result.get('data_batch_3.bin'), files.get('data_batch_3.bin'))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
    expect(fractions.length).toBeLessThan(300); // thinned to 0.5% steps
    expect(assembleDataset(result).train.count).toBe(50_000);
  });

  it('a plain .tar of the official folder', async () => {
    const result = await readUserFiles([userFile('cifar-10-binary.tar', writeTar(tarEntries(files)))], ignoreProgress);
    const dataset = assembleDataset(result);
    expect(dataset.test.count).toBe(10_000);
    expect(sameElements(result.get('test_batch.bin'), files.get('test_batch.bin'))).toBe(true);
  });

  it('a re-packed .tar.gz (not the official size) without a checksum, via DecompressionStream', async () => {
    const small = new Map([...files.keys()].map((name, seed) => [name, makeBatchBytes(20, seed)]));
    const archive = await gzip(writeTar(tarEntries(small)));
    const messages: string[] = [];
    const result = await readUserFiles([userFile('my-cifar.tgz', archive, 1000)], (_, message) => messages.push(message));
    for (const [name, bytes] of small) expect(sameElements(result.get(name), bytes)).toBe(true);
    expect(messages.some((m) => m.startsWith('Decompressing my-cifar.tgz'))).toBe(true);
  });

  it('a valid .tar.gz padded with empty gzip members to a size other than the official one', async () => {
    const archive = await gzip(writeTar(tarEntries(new Map([['test_batch.bin', makeBatchBytes(3)]]))));
    const result = await readUserFiles([paddedGzipFile('cifar-10-binary.tar.gz', archive, 1_000_000)], ignoreProgress);
    expect(sameElements(result.get('test_batch.bin'), makeBatchBytes(3))).toBe(true);
  });
});

describe('readUserFiles rejects', () => {
  it('an official-size archive whose MD5 differs, even though it decompresses (checksum mismatch)', async () => {
    const archive = await gzip(writeTar(tarEntries(new Map([['test_batch.bin', makeBatchBytes(3)]]))));
    const error = await rejection([paddedGzipFile('cifar-10-binary.tar.gz', archive, OFFICIAL_ARCHIVE_BYTES)]);
    expect(error.message).toContain('checksum mismatch');
    expect(error.message).toContain('c32a1d4ab5d03f1284b67883e8d87530');
    expect(error.message).toContain('again');
  });

  it('an official-size archive that is corrupt inside (checksum mismatch, not a gzip error)', async () => {
    const zeros = new Uint8Array(1 << 20);
    const header = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    const file = chunkedFile('cifar-10-binary (1).tar.gz', OFFICIAL_ARCHIVE_BYTES, function* () {
      yield header;
      let remaining = OFFICIAL_ARCHIVE_BYTES - header.length;
      for (; remaining > zeros.length; remaining -= zeros.length) yield zeros;
      yield zeros.subarray(0, remaining);
    });
    expect((await rejection([file])).message).toMatch(/^cifar-10-binary \(1\)\.tar\.gz failed its checksum \(checksum mismatch\)/);
  });

  it('a PNG, a zip, random bytes and an empty file, saying what was expected', async () => {
    const png = concat([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(2000)]);
    const zip = concat([new Uint8Array([0x50, 0x4b, 0x03, 0x04]), noise(2000)]);
    expect((await rejection([userFile('cat.png', png)])).message).toMatch(/^cat\.png is a PNG image, not CIFAR-10 data\. Expected .*cifar-10-binary\.tar\.gz/);
    expect((await rejection([userFile('cifar.zip', zip)])).message).toContain('cifar.zip is a zip archive');
    expect((await rejection([userFile('noise.dat', noise(5000, 3))])).message).toContain(
      'noise.dat is not a gzip archive, a tar archive or a CIFAR-10 .bin file',
    );
    expect((await rejection([userFile('notes.txt', new Uint8Array(0))])).message).toContain('notes.txt is empty');
  });

  it('gzip of garbage', async () => {
    const garbage = concat([new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), noise(100_000, 4)]);
    const error = await rejection([userFile('cifar-10-binary.tar.gz', garbage)]);
    expect(error.message).toMatch(/^cifar-10-binary\.tar\.gz is corrupt or truncated: gzip decompression failed/);
  });

  it('a truncated .tar.gz', async () => {
    const archive = await gzip(writeTar([{ path: 'x/test_batch.bin', bytes: noise(200_000) }]));
    const error = await rejection([userFile('cifar.tar.gz', archive.subarray(0, archive.length - 5000))]);
    expect(error.message).toContain('is corrupt or truncated');
  });

  it('a gzip bomb: a member that claims 1 GiB is refused at its header, not read and then called truncated', async () => {
    // 4 MB of zeros follow the header: a real bomb's 1 GiB would compress to ~1 MB; the header alone decides.
    const tar = writeTar([{ path: 'cifar-10-batches-bin/data_batch_1.bin', bytes: new Uint8Array(4_000_000), declaredSize: 2 ** 30 }]);
    const error = await rejection([userFile('cifar-10-binary.tar.gz', await gzip(tar))]);
    expect(error.message).toMatch(/holds “cifar-10-batches-bin\/data_batch_1\.bin” of 1,073,741,824 bytes, larger than any file of CIFAR-10 \(30,730,000 bytes\)/);
    expect(error.message).not.toMatch(/truncated/);
  });

  it('a plain .tar larger than the CIFAR-10 archive is refused before it is read', async () => {
    // Its first bytes are a tar header (so it is recognised as a tar); reading past them fails the test.
    const head = writeTar([{ path: 'data_batch_1.bin', bytes: new Uint8Array(0) }]).subarray(0, 1024);
    const huge = chunkedFile('huge.tar', 8 * 30_730_000, function* () {
      yield head;
      throw new Error('must not be read');
    });
    const error = await rejection([huge]);
    expect(error.message).toMatch(/^huge\.tar is .* more than CIFAR-10's tar archive holds/);
  });

  it('a gzip file that holds something other than a tar archive (long or short)', async () => {
    for (const content of [noise(300_000, 5), text('just text')]) {
      const error = await rejection([userFile('data.gz', await gzip(content))]);
      expect(error.message).toContain('data.gz is gzip-compressed but does not contain a tar archive');
    }
  });

  it('a .tar whose header checksum fails', async () => {
    const tar = writeTar([
      { path: 'data_batch_1.bin', bytes: noise(600) },
      { path: 'data_batch_2.bin', bytes: noise(600) },
    ]);
    tar[512 + 1024 + 3] ^= 0x40; // second header: 512 header + 1,024 data blocks in
    expect((await rejection([userFile('cifar.tar', tar)])).message).toContain('cifar.tar is corrupt: the tar header at byte 1536 fails its checksum');
  });

  it('a file that cannot be read', async () => {
    const broken: UserFile = {
      name: 'data_batch_1.bin',
      size: 10,
      stream: () => new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new Error('NotReadableError')) }),
    };
    expect((await rejection([broken])).message).toContain('data_batch_1.bin could not be read (NotReadableError)');
  });
});

describe('several bad files at once', () => {
  it('names each bad file with its defect, one line each, whatever kind it is and wherever it is found', async () => {
    const gif = concat([text('GIF89a'), noise(200)]);
    const cutArchive = (await gzip(writeTar(tarEntries(new Map([['data_batch_1.bin', makeBatchBytes(2)]]))))).subarray(0, 60);
    const labelled = makeBatchBytes(8, 1);
    labelled[7 * 3073] = 10;
    const error = await rejection([
      userFile('holiday.png', concat([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(100)])),
      userFile('data_batch_2.bin', gif),
      userFile('cifar-10-binary.tar.gz', cutArchive),
      userFile('label_10_in_record_7.bin', labelled),
    ]);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('4 files cannot be used as CIFAR-10:');
    expect(lines.slice(1).map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      '• holiday.png',
      '• cifar-10-binary.tar.gz',
      '• data_batch_2.bin',
      '• label_10_in_record_7.bin',
    ]);
    expect(lines[1]).toContain('is a PNG image');
    expect(lines[2]).toMatch(/corrupt or truncated|does not contain/);
    expect(lines[3]).toContain('is a GIF image, not a CIFAR-10 batch file');
    expect(lines[4]).toContain('has label 10 in record 7');
  });
});
