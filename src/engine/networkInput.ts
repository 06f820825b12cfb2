// Turns training or test images into the network's input tensors. With the fused kernels the batch is built on
// the GPU from uint8 pixels (kernels/inputBatch.ts; the mean image is uploaded once); otherwise on the CPU
// (data/batch.ts) and uploaded as floats. Both give the same numbers for the same draws.
import * as tf from '@tensorflow/tfjs';
import { makeBatch, type Batch } from '../data/batch';
import type { CifarSplit } from '../data/cifarFormat';
import { packBatch, type PackedBatch } from '../data/packedBatch';
import type { RandomSource } from '../data/random';
import { inputBatchFused } from '../model/kernels/inputBatch';
import { useFusedKernels } from '../model/kernels/kernelMode';

/** The CPU's part of a batch (shuffled indices gathered, augmentation drawn), before any tensor exists. */
export type PreparedBatch = { kind: 'floats'; batch: Batch } | { kind: 'packed'; batch: PackedBatch };

export interface BatchTensors {
  /** [B,32,32,3] NHWC, mean-subtracted. */
  x: tf.Tensor4D;
  /** int32 [B]: class indices, or (fused) image words whose low 4 bits are the class. */
  labels: tf.Tensor1D;
}

export class NetworkInput {
  private readonly meanTensor: tf.Tensor1D | null;

  /** meanImage: the per-pixel mean of the training images, CHW (§4.2). */
  constructor(private readonly meanImage: Float32Array) {
    this.meanTensor = useFusedKernels() ? tf.tensor1d(meanImage) : null;
  }

  /** Images `indices` of `split`; rng draws the augmentation (null: none, as for evaluation). */
  prepare(split: CifarSplit, indices: ArrayLike<number>, rng: RandomSource | null): PreparedBatch {
    return this.meanTensor
      ? { kind: 'packed', batch: packBatch(split, indices, rng) }
      : { kind: 'floats', batch: makeBatch(split, indices, this.meanImage, rng) };
  }

  /** The batch's tensors; call inside a tf.tidy that disposes them. */
  tensors(prepared: PreparedBatch): BatchTensors {
    if (prepared.kind === 'floats') {
      const size = prepared.batch.labels.length;
      return { x: tf.tensor4d(prepared.batch.x, [size, 32, 32, 3]), labels: tf.tensor1d(prepared.batch.labels, 'int32') };
    }
    if (!this.meanTensor) throw new Error('A packed batch needs the fused kernels');
    const images = tf.tensor1d(prepared.batch.images, 'int32');
    const pixels = tf.tensor1d(prepared.batch.pixels, 'int32');
    return { x: inputBatchFused(pixels, images, this.meanTensor), labels: images };
  }

  dispose(): void {
    this.meanTensor?.dispose();
  }
}
