// Turns training or test images into the network's input tensors. With the fused kernels the batch is built on
// the GPU from uint8 pixels (kernels/inputBatch.ts; the mean image is uploaded once); otherwise on the CPU
// (data/batch.ts) and uploaded as floats. Both give the same numbers for the same draws.
import * as tf from '@tensorflow/tfjs';
import { makeBatch, type Batch } from '../data/batch';
import type { CifarSplit } from '../data/cifarFormat';
import { packBatch, type PackedBatch } from '../data/packedBatch';
import type { RandomSource } from '../data/random';
import { inputBatchFused } from '../model/kernels/inputBatch';
import { writeInPlace } from '../model/kernels/gpuDispatch';
import { currentOps, type NetworkOps } from '../model/ops';

/** A packed batch's two int32 arrays on the GPU, made once per batch size and overwritten in place each batch. */
interface PackedSlots {
  images: tf.Tensor1D;
  pixels: tf.Tensor1D;
}

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
  /** By batch size. Fixed buffers: a recorded training step stays bound to them (engine/trainStep.ts). */
  private readonly slots = new Map<number, PackedSlots>();

  /** meanImage: the per-pixel mean of the training images, CHW (§4.2). */
  /** `ops`: the engine's (ops.ts): with the fused kernels the batch is built on the GPU from its pixels. */
  constructor(
    private readonly meanImage: Float32Array,
    ops: NetworkOps = currentOps(),
  ) {
    this.meanTensor = ops.kind === 'fused' ? tf.tensor1d(meanImage) : null;
  }

  /** Images `indices` of `split`; rng draws the augmentation (null: none, as for evaluation). */
  prepare(split: CifarSplit, indices: ArrayLike<number>, rng: RandomSource | null): PreparedBatch {
    return this.meanTensor
      ? { kind: 'packed', batch: packBatch(split, indices, rng) }
      : { kind: 'floats', batch: makeBatch(split, indices, this.meanImage, rng) };
  }

  /** The batch's tensors; call inside a tf.tidy that disposes them. `inPlace` (training steps, fused kernels): the
   *  packed arrays are this object's own tensors for that batch size, written in place, which the tidy leaves
   *  alone (they are kept), so a recorded step stays bound to them; evaluation uploads fresh ones. */
  tensors(prepared: PreparedBatch, inPlace = false): BatchTensors {
    if (prepared.kind === 'floats') {
      const size = prepared.batch.labels.length;
      return { x: tf.tensor4d(prepared.batch.x, [size, 32, 32, 3]), labels: tf.tensor1d(prepared.batch.labels, 'int32') };
    }
    if (!this.meanTensor) throw new Error('A packed batch needs the fused kernels');
    const { images, pixels } = inPlace
      ? this.writeSlots(prepared.batch)
      : { images: tf.tensor1d(prepared.batch.images, 'int32'), pixels: tf.tensor1d(prepared.batch.pixels, 'int32') };
    return { x: inputBatchFused(pixels, images, this.meanTensor), labels: images };
  }

  /** Writes a packed batch into this batch size's slots (the only upload of a fused step: 3,073 words per image).
   *  A replayed step (trainStep.ts) calls it alone: its recorded InputBatch dispatch reads the slots. */
  writeSlots(batch: PackedBatch): PackedSlots {
    const size = batch.images.length;
    let slots = this.slots.get(size);
    if (!slots) {
      slots = {
        images: tf.keep(tf.tensor1d(new Int32Array(size), 'int32')),
        pixels: tf.keep(tf.tensor1d(new Int32Array(batch.pixels.length), 'int32')),
      };
      this.slots.set(size, slots);
    }
    writeInPlace(slots.images, batch.images);
    writeInPlace(slots.pixels, batch.pixels);
    return slots;
  }

  dispose(): void {
    this.meanTensor?.dispose();
    for (const slots of this.slots.values()) tf.dispose([slots.images, slots.pixels]);
    this.slots.clear();
  }
}
