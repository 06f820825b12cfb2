import { describe, expect, it } from 'vitest';
import { IMAGE_BYTES } from './cifarFormat';
import { computeMeanImage } from './meanImage';

describe('computeMeanImage', () => {
  it('averages each of the 3,072 CHW values over the images', () => {
    const images = new Uint8Array(3 * IMAGE_BYTES);
    for (let i = 0; i < IMAGE_BYTES; i++) {
      images[i] = i % 256;
      images[IMAGE_BYTES + i] = 255;
      images[2 * IMAGE_BYTES + i] = 0;
    }
    const mean = computeMeanImage({ images, labels: new Uint8Array(3), count: 3 });
    expect(mean).toBeInstanceOf(Float32Array);
    expect(mean.length).toBe(IMAGE_BYTES);
    // Exactly the double mean rounded once to float32.
    expect(mean[0]).toBe(Math.fround(255 / 3));
    expect(mean[2 * 1024 + 5 * 32 + 7]).toBe(Math.fround((((2 * 1024 + 5 * 32 + 7) % 256) + 255) / 3));
  });

  it('refuses an empty split', () => {
    expect(() => computeMeanImage({ images: new Uint8Array(0), labels: new Uint8Array(0), count: 0 })).toThrow(RangeError);
  });
});
