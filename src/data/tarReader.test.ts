import { describe, expect, it } from 'vitest';
import { DataFormatError } from './cifarFormat';
import { looksLikeTar, readTar, TarSizeGuard } from './tarReader';
import { concat, noise, writeTar } from './testing/fixtures';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('readTar', () => {
  it('returns regular files by base name, as views into the archive, and skips directories', () => {
    const batch = noise(3 * 3073, 5);
    const tar = writeTar([
      { path: 'cifar-10-batches-bin/', bytes: new Uint8Array(0), type: '5' },
      { path: 'cifar-10-batches-bin/data_batch_1.bin', bytes: batch },
      { path: 'cifar-10-batches-bin/batches.meta.txt', bytes: text('airplane\nautomobile\n') },
      { path: 'empty.bin', bytes: new Uint8Array(0) },
    ]);
    const entries = readTar(tar, 'cifar.tar');
    expect(entries.map((e) => [e.name, e.path, e.bytes.length])).toEqual([
      ['data_batch_1.bin', 'cifar-10-batches-bin/data_batch_1.bin', 3 * 3073],
      ['batches.meta.txt', 'cifar-10-batches-bin/batches.meta.txt', 20],
      ['empty.bin', 'empty.bin', 0],
    ]);
    expect(entries[0].bytes).toEqual(batch);
    expect(entries[0].bytes.buffer).toBe(tar.buffer); // no copy
  });

  it('follows GNU long names and pax path headers', () => {
    const longPath = `${'deeply/nested/'.repeat(10)}test_batch.bin`;
    const paxRecord = (path: string): Uint8Array => {
      const body = ` path=${path}\n`;
      let length = body.length + 2;
      if (`${length}${body}`.length !== length) length++;
      return text(`${length}${body}`);
    };
    const tar = writeTar([
      { path: '././@LongLink', bytes: text(`${longPath}\0`), type: 'L' },
      { path: longPath.slice(0, 100), bytes: text('one') },
      { path: 'PaxHeaders/x', bytes: paxRecord(`other/${longPath}`), type: 'x' },
      { path: 'truncated-name', bytes: text('two') },
    ]);
    expect(readTar(tar, 'long.tar').map((e) => [e.name, e.path])).toEqual([
      ['test_batch.bin', longPath],
      ['test_batch.bin', `other/${longPath}`],
    ]);
  });

  it('rejects input that is not a tar archive', () => {
    for (const bytes of [new Uint8Array(0), noise(4096), new Uint8Array(2048)]) {
      expect(looksLikeTar(bytes)).toBe(false);
      expect(() => readTar(bytes, 'photo.tar')).toThrow(/photo\.tar is not a tar archive/);
    }
  });

  it('rejects a header whose checksum fails', () => {
    const tar = writeTar([
      { path: 'a.bin', bytes: text('first') },
      { path: 'b.bin', bytes: text('second') },
    ]);
    tar[1024 + 10] ^= 0x01; // second header (after 512 header + 512 data) gets one flipped bit in its name
    let error: unknown;
    try {
      readTar(tar, 'broken.tar');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as DataFormatError).message).toContain('broken.tar is corrupt: the tar header at byte 1024 fails its checksum');
  });

  it('rejects an archive that ends inside a file', () => {
    const tar = writeTar([{ path: 'data_batch_2.bin', bytes: noise(5000) }]);
    expect(() => readTar(tar.subarray(0, 512 + 3000), 'cut.tar')).toThrow(/cut\.tar is truncated: it ends inside "data_batch_2\.bin" \(3000 of 5000 bytes\)/);
  });

  it('stops at the end-of-archive marker and tolerates a missing one', () => {
    const tar = writeTar([{ path: 'a.bin', bytes: text('x') }]);
    const withTrailingJunk = concat([tar, noise(700)]);
    expect(readTar(withTrailingJunk, 'a.tar')).toHaveLength(1);
    expect(readTar(tar.subarray(0, 1024), 'a.tar')).toHaveLength(1);
  });
});

/** `tar` with the size field of the header at `at` rewritten to `size`, and the checksum made to match again. */
function withSizeField(tar: Uint8Array, at: number, size: string): Uint8Array {
  const copy = tar.slice();
  copy.fill(0, at + 124, at + 136);
  copy.set(text(size), at + 124);
  copy.fill(0x20, at + 148, at + 156);
  const sum = copy.subarray(at, at + 512).reduce((total, byte) => total + byte, 0);
  copy.set(text(`${sum.toString(8).padStart(6, '0')}\0 `), at + 148);
  return copy;
}

// Found by the data-file fuzz test (src/fuzz/dataFileFuzz.test.ts): parseInt read "-1" as -1 and "x" as NaN,
// and readTar then skipped the member or stopped reading, without a word.
describe('a header whose size is not an octal number (its checksum matching)', () => {
  const tar = writeTar([
    { path: 'a.bin', bytes: text('first') },
    { path: 'b.bin', bytes: text('second') },
  ]);

  it('is refused by readTar, naming the header', () => {
    for (const size of ['-0000000001', 'zzzzzzzzzzz', 'NaN', '0000000017x']) {
      expect(() => readTar(withSizeField(tar, 1024, size), 'odd.tar'), size).toThrow(/^odd\.tar is corrupt: the tar header at byte 1024 gives no valid size for "b\.bin"/);
    }
    expect(readTar(withSizeField(tar, 1024, '00000000006 '), 'spaced.tar').map((entry) => entry.bytes.length)).toEqual([5, 6]);
  });

  it('ends the size guard’s walk over the headers quietly (readTar names it once the archive is whole)', () => {
    const guard = new TarSizeGuard('odd.tar', 1000, 10_000, 'hint');
    expect(() => guard.push(withSizeField(tar, 0, 'NaN'))).not.toThrow();
  });
});

describe('TarSizeGuard (sizes checked while an archive streams in)', () => {
  const members = (sizes: number[]) => writeTar(sizes.map((size, i) => ({ path: `m${i}.bin`, bytes: new Uint8Array(size).fill(i + 1) })));
  const feed = (guard: TarSizeGuard, bytes: Uint8Array, chunk: number) => {
    for (let at = 0; at < bytes.length; at += chunk) guard.push(bytes.subarray(at, at + chunk));
  };

  it('lets an archive within the limits through, whatever the chunk boundaries (headers split across chunks)', () => {
    const tar = members([900, 1000, 0, 513]);
    for (const chunk of [1, 7, 511, 512, 513, 100_000]) {
      expect(() => feed(new TarSizeGuard('ok.tar', 1000, 10_000, 'hint'), tar, chunk), `chunks of ${chunk}`).not.toThrow();
    }
  });

  it('refuses at its header a member larger than the limit, before its bytes arrive', () => {
    const bomb = writeTar([{ path: 'small.bin', bytes: new Uint8Array(10) }, { path: 'bomb.bin', bytes: new Uint8Array(0), declaredSize: 2 ** 30 }]);
    const guard = new TarSizeGuard('bomb.tar.gz', 1000, 10_000, 'hint');
    // The first member's header and data, then the bomb's header: nothing of its 1 GiB is needed to refuse it.
    expect(() => feed(guard, bomb.subarray(0, 512 * 3), 100)).toThrow(/bomb\.tar\.gz holds “bomb\.bin” of 1,073,741,824 bytes, larger than any file of CIFAR-10 \(1,000 bytes\)/);
  });

  it('refuses an archive that grows past the total limit', () => {
    expect(() => feed(new TarSizeGuard('many.tar', 1000, 3000, 'hint'), members([1000, 1000, 1000]), 512)).toThrow(/many\.tar decompresses to more than 3,000 bytes/);
  });
});
