// Builds one network input batch from uint8 CHW images: mean subtraction (§4.2), and optionally the paper's
// augmentation (§4.2: "4 pixels are padded on each side, and a 32x32 crop is randomly sampled from the padded
// image or its horizontal flip"). Pixels stay uint8 until here; no padded intermediate image is built: each
// output pixel reads its source pixel at an integer offset, or is 0 when the offset falls into the padding.
import { CHANNELS, type CifarSplit, IMAGE_BYTES, IMAGE_SIZE, PLANE_BYTES } from './cifarFormat';
import type { RandomSource } from './random';

/** Zero padding on each side before the random crop (§4.2): crop offsets are 0..8 in the padded image. */
export const CROP_PADDING = 4;

/** One image's augmentation draw: the crop's top-left corner in the 4-padded 40x40 image (0..8 each; 4, 4 is
 *  the uncropped image) and whether it is mirrored. */
export interface CropDraw {
  top: number;
  left: number;
  flip: boolean;
}

/** The draws in the order PyTorch's RandomCrop(32, padding=4) then RandomHorizontalFlip make them: top, left,
 *  flip. Both batch paths (makeBatch here, packBatch for the GPU) call this, so one seed gives one batch.
 *  rng = null: no augmentation and no draws. */
export function drawCrop(rng: RandomSource | null): CropDraw {
  if (!rng) return { top: CROP_PADDING, left: CROP_PADDING, flip: false };
  const span = 2 * CROP_PADDING + 1;
  const top = rng.int(span);
  const left = rng.int(span);
  return { top, left, flip: rng.next() < 0.5 };
}

/** Throws a RangeError naming `who` unless `image` indexes an image of `split`. */
export function checkImageIndex(image: number, split: CifarSplit, who: string): void {
  if (!Number.isInteger(image) || image < 0 || image >= split.count) {
    throw new RangeError(`${who}: image index ${image} is outside 0..${split.count - 1}`);
  }
}

export interface Batch {
  /** B x 32 x 32 x 3 (NHWC, tfjs's layout), pixel minus mean pixel, in 0-255 units. Padding pixels are 0. */
  x: Float32Array;
  /** B class indices 0-9. */
  labels: Int32Array;
}

/**
 * Images `indices` of `split` as a batch. With `rng`, each image (in batch order) draws, in this order:
 * the crop's top offset rng.int(9), its left offset rng.int(9) (both in the 4-padded 40x40 image, as
 * PyTorch's RandomCrop(32, padding=4) draws top then left), then a flip when rng.next() < 0.5 (crop, then
 * mirror, as RandomCrop followed by RandomHorizontalFlip). Padding is applied AFTER mean subtraction, so
 * padded pixels are 0 in the network's input. rng = null: no augmentation, no draws (evaluation).
 */
export function makeBatch(
  split: CifarSplit,
  indices: ArrayLike<number>,
  meanImage: Float32Array,
  rng: RandomSource | null,
): Batch {
  if (meanImage.length !== IMAGE_BYTES) {
    throw new RangeError(`makeBatch: meanImage has ${meanImage.length} values, expected ${IMAGE_BYTES}`);
  }
  const batchSize = indices.length;
  const x = new Float32Array(batchSize * IMAGE_BYTES); // zeros: the padding needs no writes
  const labels = new Int32Array(batchSize);

  for (let b = 0; b < batchSize; b++) {
    const image = indices[b];
    checkImageIndex(image, split, 'makeBatch');
    labels[b] = split.labels[image];
    // Source pixel = output pixel + shift; shift is in -4..4 (0 without augmentation).
    const { top, left, flip } = drawCrop(rng);
    const shiftY = top - CROP_PADDING;
    const shiftX = left - CROP_PADDING;

    const source = image * IMAGE_BYTES;
    const target = b * IMAGE_BYTES;
    for (let row = 0; row < IMAGE_SIZE; row++) {
      const sourceRow = row + shiftY;
      if (sourceRow < 0 || sourceRow >= IMAGE_SIZE) continue;
      for (let col = 0; col < IMAGE_SIZE; col++) {
        // Flip mirrors the cropped image: output column col shows crop column 31 - col.
        const sourceCol = (flip ? IMAGE_SIZE - 1 - col : col) + shiftX;
        if (sourceCol < 0 || sourceCol >= IMAGE_SIZE) continue;
        const pixel = sourceRow * IMAGE_SIZE + sourceCol; // offset within a CHW plane
        const out = target + (row * IMAGE_SIZE + col) * CHANNELS; // NHWC
        for (let c = 0; c < CHANNELS; c++) {
          const plane = c * PLANE_BYTES + pixel;
          x[out + c] = split.images[source + plane] - meanImage[plane];
        }
      }
    }
  }
  return { x, labels };
}
