import { describe, expect, it } from 'vitest';
import { Md5, md5Hex } from './md5';
import { noise } from './testing/fixtures';
import { nodeCrypto } from './testing/nodeApis';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('Md5', () => {
  it('matches the RFC 1321 test suite', () => {
    expect(md5Hex(text(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex(text('a'))).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(md5Hex(text('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex(text('message digest'))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5Hex(text('abcdefghijklmnopqrstuvwxyz'))).toBe('c3fcd3d76192e4007dfb496cca67e13b');
    expect(md5Hex(text('12345678901234567890123456789012345678901234567890123456789012345678901234567890'))).toBe(
      '57edf4a22be3c955ac49da2e2107b67a',
    );
  });

  it('agrees with node:crypto on odd lengths, whatever the chunking', async () => {
    const { createHash } = await nodeCrypto();
    // Lengths around the 55/56/64-byte padding boundaries and larger odd sizes.
    for (const length of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1_000_003, 3_333_331]) {
      const bytes = noise(length, length);
      const expected = createHash('md5').update(bytes).digest('hex');
      expect(md5Hex(bytes)).toBe(expected);
      for (const chunkBytes of [1, 7, 64, 65_537]) {
        if (chunkBytes === 1 && length > 1000) continue;
        const hash = new Md5();
        for (let offset = 0; offset < length; offset += chunkBytes) hash.update(bytes.subarray(offset, offset + chunkBytes));
        expect(hash.digestHex()).toBe(expected);
      }
    }
  });

  it('hashes 170 MB in well under the time a user waits for it', async () => {
    const { createHash } = await nodeCrypto();
    const chunk = noise(1 << 20, 9);
    const hash = new Md5();
    const reference = createHash('md5');
    const started = performance.now();
    for (let i = 0; i < 170; i++) hash.update(chunk);
    const seconds = (performance.now() - started) / 1000;
    for (let i = 0; i < 170; i++) reference.update(chunk);
    expect(hash.digestHex()).toBe(reference.digest('hex'));
    expect(seconds).toBeLessThan(5); // about 0.5 s on the 2-core CI machine
  });

  it('refuses updates after the digest', () => {
    const hash = new Md5().update(text('x'));
    hash.digestHex();
    expect(hash.digestHex()).toBe(md5Hex(text('x')));
    expect(() => hash.update(text('y'))).toThrow();
  });
});
