// WebGPU tier: the GPU-built input batch (uint8 pixels -> crop, flip, mean subtraction) equals the CPU's
// makeBatch exactly, for the same seeded draws; and the fused metrics kernel sums what the reference ops do.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeBatch } from '../../data/batch';
import { IMAGE_BYTES, NUM_CLASSES } from '../../data/cifarFormat';
import { packBatch } from '../../data/packedBatch';
import { Random } from '../../data/random';
import { TrainingMetrics } from '../../engine/trainingMetrics';
import { inputBatchFused } from './inputBatch';
import { bothWays } from './testing/compare';

function split(count: number) {
  const rng = new Random(3);
  return {
    images: Uint8Array.from({ length: count * IMAGE_BYTES }, () => rng.int(256)),
    labels: Uint8Array.from({ length: count }, () => rng.int(NUM_CLASSES)),
    count,
  };
}

describe('input batch built on the GPU (WebGPU)', () => {
  it('equals makeBatch bit for bit, with and without augmentation, batch 3', async () => {
    const data = split(5);
    const mean = Float32Array.from({ length: IMAGE_BYTES }, (_, i) => 100 + (i % 37) + 0.25);
    const indices = [4, 0, 2];
    for (const augment of [true, false]) {
      const cpu = makeBatch(data, indices, mean, augment ? new Random(9) : null);
      const packed = packBatch(data, indices, augment ? new Random(9) : null);
      const x = inputBatchFused(tf.tensor1d(packed.pixels, 'int32'), tf.tensor1d(packed.images, 'int32'), tf.tensor1d(mean));
      const gpu = await x.data();
      let differing = 0;
      for (let i = 0; i < cpu.x.length; i++) if (gpu[i] !== cpu.x[i]) differing++;
      expect(differing).toBe(0);
      expect(Array.from(packed.images, (w) => w & 15)).toEqual(Array.from(cpu.labels));
    }
  });

  it('metrics summed on the GPU equal the reference loss and hits', async () => {
    const logits = tf.randomNormal([7, 10], 0, 3, 'float32', 2) as tf.Tensor2D;
    const labels = tf.tensor1d([0, 1, 2, 3, 4, 5, 9], 'int32');
    const { fused, reference } = bothWays(() => {
      const metrics = new TrainingMetrics();
      for (let step = 0; step < 2; step++) {
        metrics.addBatch(logits, labels, 'mean');
      }
      return metrics;
    });
    expect(fused.usesFusedKernels).toBe(true);
    const a = await fused.readAndReset();
    const b = await reference.readAndReset();
    expect(Math.abs(a.meanLoss - b.meanLoss) / b.meanLoss).toBeLessThan(1e-5);
    expect(a.errorPercent).toBe(b.errorPercent);
    // A new window starts from zero, without any upload.
    fused.addBatch(logits, labels, 'mean');
    const c = await fused.readAndReset();
    expect(c.steps).toBe(1);
    expect(Math.abs(c.meanLoss - b.meanLoss) / b.meanLoss).toBeLessThan(1e-5);
  });
});
