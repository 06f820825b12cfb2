// The network's input batch built ON THE GPU from the images' uint8 pixels: mean subtraction (§4.2) and the
// paper's augmentation (§4.2: 4-pixel zero padding, a random 32x32 crop, a random horizontal flip).
// REPLACES (reference path, src/data/batch.ts makeBatch): the same arithmetic on the CPU, then a float32
// upload of 12,288 bytes per image plus an int32 label tensor.
// HERE: 1 dispatch; per step the CPU uploads the pixels as they are stored (3,072 bytes per image, four to a
// 32-bit word) and one 32-bit word per image: label (bits 0-3), crop offsets + 4 (bits 4-7 row, 8-11 column),
// flip (bit 12). The offsets and flips are drawn on the CPU from the run's seeded generator, in makeBatch's
// order, so both paths build the same batch from the same seed. The mean image stays on the GPU for the run.
import type * as tf from '@tensorflow/tfjs';
import { CHANNELS, IMAGE_BYTES, IMAGE_SIZE, PLANE_BYTES } from '../../data/cifarFormat';
import { allocate, asTensor, dispatch, workgroupsFor, type GpuKernel } from './gpuDispatch';
import { elementwiseMain } from './wgsl';

function kernel(batch: number): GpuKernel {
  const size = batch * IMAGE_BYTES;
  return {
    name: 'InputBatch',
    key: `${batch}`,
    workgroups: workgroupsFor(size),
    wgsl: () => /* wgsl */ `
@group(0) @binding(0) var<storage, read> pixels: array<u32>; // CHW uint8, 4 per word, little-endian
@group(0) @binding(1) var<storage, read> images: array<i32>; // label | row offset << 4 | column << 8 | flip << 12
@group(0) @binding(2) var<storage, read> meanImage: array<f32>; // CHW
@group(0) @binding(3) var<storage, read_write> x: array<f32>; // NHWC
${elementwiseMain(size, /* wgsl */ `
  let b = j / ${IMAGE_BYTES}u;
  let r = j % ${IMAGE_BYTES}u;
  let row = i32(r / ${IMAGE_SIZE * CHANNELS}u);
  let col = i32((r / ${CHANNELS}u) % ${IMAGE_SIZE}u);
  let c = r % ${CHANNELS}u;
  let word = u32(images[b]);
  let sourceRow = row + i32((word >> 4u) & 15u) - 4;
  let flipped = select(col, ${IMAGE_SIZE - 1} - col, ((word >> 12u) & 1u) == 1u);
  let sourceCol = flipped + i32((word >> 8u) & 15u) - 4;
  if (sourceRow < 0 || sourceRow >= ${IMAGE_SIZE} || sourceCol < 0 || sourceCol >= ${IMAGE_SIZE}) {
    x[j] = 0.0; // the zero padding, applied after the mean subtraction as in makeBatch
    return;
  }
  let plane = c * ${PLANE_BYTES}u + u32(sourceRow) * ${IMAGE_SIZE}u + u32(sourceCol);
  let byteIndex = b * ${IMAGE_BYTES}u + plane;
  let value = (pixels[byteIndex / 4u] >> (8u * (byteIndex % 4u))) & 255u;
  x[j] = f32(value) - meanImage[plane];`)}`,
  };
}

/** x [B,32,32,3] from packed pixels (int32 [B*768]) and image words (int32 [B]); meanImage float32 [3072] CHW. */
export function inputBatchFused(pixels: tf.Tensor1D, images: tf.Tensor1D, meanImage: tf.Tensor1D): tf.Tensor4D {
  const batch = images.shape[0];
  const x = allocate([batch, IMAGE_SIZE, IMAGE_SIZE, CHANNELS]);
  dispatch(kernel(batch), [pixels, images, meanImage, x]);
  return asTensor<tf.Rank.R4>(x);
}
