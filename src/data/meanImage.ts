// §4.2: "the per-pixel mean subtracted": the mean over the training images of each of the 3,072 values
// (channel, row, column). No division by a standard deviation.
import { type CifarSplit, IMAGE_BYTES } from './cifarFormat';

/** Mean image, length 3,072, CHW like the source images, in pixel units (0-255). */
export function computeMeanImage(split: CifarSplit): Float32Array {
  if (split.count === 0) throw new RangeError('computeMeanImage: the split has no images');
  // Float64 sums: 50,000 x 255 is exact in a double, and the mean is rounded to float32 once at the end.
  const sums = new Float64Array(IMAGE_BYTES);
  const { images } = split;
  for (let image = 0; image < split.count; image++) {
    const base = image * IMAGE_BYTES;
    for (let i = 0; i < IMAGE_BYTES; i++) sums[i] += images[base + i];
  }
  const mean = new Float32Array(IMAGE_BYTES);
  for (let i = 0; i < IMAGE_BYTES; i++) mean[i] = sums[i] / split.count;
  return mean;
}
