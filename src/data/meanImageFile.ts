// The per-pixel mean of the 50,000 training images as a file that `npm run prepare-data` writes next to the
// batches: 3,072 float32 values, little-endian, CHW, in pixel units (12,288 bytes). With it the app can train
// on data_batch_1 before data_batch_2..5 arrive and still subtract the whole set's mean (§4.2), so a run
// trained during the download is the same run as one trained after it (served.ts, datasetHolder.ts).
import { IMAGE_BYTES } from './cifarFormat';

export const MEAN_IMAGE_FILE = 'mean_image.f32';
export const MEAN_IMAGE_FILE_BYTES = IMAGE_BYTES * 4;

export function encodeMeanImage(mean: Float32Array): Uint8Array {
  const bytes = new Uint8Array(MEAN_IMAGE_FILE_BYTES);
  const view = new DataView(bytes.buffer);
  mean.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}

/** The mean image, or null when `bytes` is not one (wrong size, or a value outside 0-255). */
export function decodeMeanImage(bytes: Uint8Array): Float32Array | null {
  if (bytes.length !== MEAN_IMAGE_FILE_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mean = Float32Array.from({ length: IMAGE_BYTES }, (_, i) => view.getFloat32(i * 4, true));
  return mean.every((value) => value >= 0 && value <= 255) ? mean : null;
}
