// A batch as the WebGPU engine uploads it: the images' uint8 pixels untouched (CHW, as stored), and one 32-bit
// word per image with its label and augmentation draw. kernels/inputBatch.ts turns it into the network's input
// on the GPU; makeBatch (batch.ts) is the CPU path that builds the same floats.
import { IMAGE_BYTES, type CifarSplit } from './cifarFormat';
import { checkImageIndex, drawCrop } from './batch';
import type { RandomSource } from './random';

export interface PackedBatch {
  /** B * 3,072 pixel bytes (CHW per image), viewed as B * 768 little-endian 32-bit words. */
  pixels: Int32Array;
  /** Per image: label (bits 0-3) | row offset + 4 (bits 4-7) | column offset + 4 (bits 8-11) | flip (bit 12). */
  images: Int32Array;
}

/** The same draws as makeBatch (drawCrop, image by image); rng = null: no augmentation, no draws. */
export function packBatch(split: CifarSplit, indices: ArrayLike<number>, rng: RandomSource | null): PackedBatch {
  const batchSize = indices.length;
  const bytes = new Uint8Array(batchSize * IMAGE_BYTES);
  const images = new Int32Array(batchSize);
  for (let b = 0; b < batchSize; b++) {
    const image = indices[b];
    checkImageIndex(image, split, 'packBatch');
    bytes.set(split.images.subarray(image * IMAGE_BYTES, (image + 1) * IMAGE_BYTES), b * IMAGE_BYTES);
    const { top, left, flip } = drawCrop(rng);
    images[b] = split.labels[image] | (top << 4) | (left << 8) | ((flip ? 1 : 0) << 12);
  }
  return { pixels: new Int32Array(bytes.buffer), images };
}
