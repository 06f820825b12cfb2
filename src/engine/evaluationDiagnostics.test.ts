// Unit tier (tfjs CPU backend, reference ops): the confusion matrix and top-3 of an evaluation against values
// worked out by hand.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EvaluationCollector } from './evaluationDiagnostics';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Logits of 10 classes with the given values at the given classes, 0 elsewhere. */
function logitsRow(entries: Record<number, number>): number[] {
  return Array.from({ length: 10 }, (_, k) => entries[k] ?? 0);
}

describe('EvaluationCollector (reference ops)', () => {
  it('counts true x predicted over batches and ranks each image’s three most likely classes', async () => {
    const collector = new EvaluationCollector();
    // Batch 1: a cat (3) predicted cat, a cat predicted dog (5), a ship (8) predicted cat.
    tf.tidy(() =>
      collector.addBatch(
        tf.tensor2d([logitsRow({ 3: 4, 5: 2, 1: 1 }), logitsRow({ 5: 3, 3: 2.5, 0: 1 }), logitsRow({ 3: 2, 8: 1, 9: 0.5 })]),
        tf.tensor1d([3, 3, 8], 'int32'),
      ),
    );
    // Batch 2: a ship predicted ship; a tie between classes 2 and 7 goes to the lower index, as tf.argMax.
    tf.tidy(() => collector.addBatch(tf.tensor2d([logitsRow({ 8: 5 }), logitsRow({ 2: 1, 7: 1 })]), tf.tensor1d([8, 7], 'int32')));
    const reading = await collector.read();
    collector.dispose();

    const expected = new Array(100).fill(0);
    expected[3 * 10 + 3] = 1;
    expected[3 * 10 + 5] = 1;
    expected[8 * 10 + 3] = 1;
    expected[8 * 10 + 8] = 1;
    expected[7 * 10 + 2] = 1;
    expect(reading.confusion).toEqual(expected);

    expect(Array.from(reading.top3Classes.subarray(0, 9))).toEqual([3, 5, 1, 5, 3, 0, 3, 8, 9]);
    expect(reading.top3Classes[3 * 4]).toBe(2);
    expect(reading.top3Classes[3 * 4 + 1]).toBe(7);
    // Image 0: softmax of (4, 2, 1, and seven 0s): e^4 / (e^4 + e^2 + e + 7).
    const total = Math.exp(4) + Math.exp(2) + Math.exp(1) + 7;
    expect(Array.from(reading.top3Percent.subarray(0, 3))).toEqual([4, 2, 1].map((v) => Math.round((100 * Math.exp(v)) / total)));
    // Image 3: e^5 / (e^5 + 9) = 94%.
    expect(reading.top3Percent[9]).toBe(Math.round((100 * Math.exp(5)) / (Math.exp(5) + 9)));
  });

  it('frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const collector = new EvaluationCollector();
    tf.tidy(() => collector.addBatch(tf.randomNormal([4, 10], 0, 1, 'float32', 1) as tf.Tensor2D, tf.tensor1d([0, 1, 2, 3], 'int32')));
    await collector.read();
    collector.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
