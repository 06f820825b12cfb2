// CIFAR-10 stores an image as three colour planes (CHW); a canvas wants RGBA pixels (HWC plus alpha).
import { CHANNELS, IMAGE_BYTES, PLANE_BYTES, type CifarSplit } from './cifarFormat';

/** Bytes of one 32x32 RGBA image (ImageData's layout). */
export const RGBA_IMAGE_BYTES = 4 * PLANE_BYTES;

/** The RGBA pixels of images `indices` of `split`, one after another (opaque: alpha 255). Throws a RangeError
 *  for an index outside the split. */
export function rgbaImages(split: CifarSplit, indices: readonly number[]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(indices.length * RGBA_IMAGE_BYTES);
  indices.forEach((index, k) => {
    if (!Number.isInteger(index) || index < 0 || index >= split.count) {
      throw new RangeError(`Image ${index} is not one of the ${split.count} images`);
    }
    const image = split.images.subarray(index * IMAGE_BYTES, (index + 1) * IMAGE_BYTES);
    for (let p = 0; p < PLANE_BYTES; p++) {
      const at = k * RGBA_IMAGE_BYTES + 4 * p;
      for (let c = 0; c < CHANNELS; c++) out[at + c] = image[c * PLANE_BYTES + p];
      out[at + 3] = 255;
    }
  });
  return out;
}
