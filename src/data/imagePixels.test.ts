import { describe, expect, it } from 'vitest';
import { IMAGE_BYTES, PLANE_BYTES } from './cifarFormat';
import { rgbaImages, RGBA_IMAGE_BYTES } from './imagePixels';

/** Two images whose pixel p has red = p % 256, green = 1, blue = 2 + image index. */
function twoImages() {
  const images = new Uint8Array(2 * IMAGE_BYTES);
  for (let i = 0; i < 2; i++) {
    for (let p = 0; p < PLANE_BYTES; p++) {
      images[i * IMAGE_BYTES + p] = p % 256;
      images[i * IMAGE_BYTES + PLANE_BYTES + p] = 1;
      images[i * IMAGE_BYTES + 2 * PLANE_BYTES + p] = 2 + i;
    }
  }
  return { images, labels: new Uint8Array([3, 7]), count: 2 };
}

describe('rgbaImages', () => {
  it('interleaves the colour planes into opaque RGBA pixels, in the order asked', () => {
    const rgba = rgbaImages(twoImages(), [1, 0]);
    expect(rgba.length).toBe(2 * RGBA_IMAGE_BYTES);
    // Pixel 300 of image 1 (asked first), then of image 0.
    expect(Array.from(rgba.subarray(4 * 300, 4 * 301))).toEqual([300 % 256, 1, 3, 255]);
    expect(Array.from(rgba.subarray(RGBA_IMAGE_BYTES + 4 * 300, RGBA_IMAGE_BYTES + 4 * 301))).toEqual([300 % 256, 1, 2, 255]);
  });

  it('refuses an index outside the split', () => {
    expect(() => rgbaImages(twoImages(), [2])).toThrow(RangeError);
    expect(() => rgbaImages(twoImages(), [-1])).toThrow(RangeError);
    expect(() => rgbaImages(twoImages(), [0.5])).toThrow(RangeError);
  });
});
