import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countCorrect, crossEntropy } from './loss';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('loss', () => {
  const logitRows = [
    [2, 1, 0],
    [0, 0, 5],
    [-1, 3, 3.5],
    [10, -10, 0],
  ];
  const labelValues = [0, 1, 2, 0];

  it('crossEntropy is the batch mean of -log softmax(logits)[label]', () => {
    const expected =
      logitRows
        .map((row, i) => {
          const logSum = Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
          return logSum - row[labelValues[i]];
        })
        .reduce((a, b) => a + b) / logitRows.length;
    const loss = crossEntropy(tf.tensor2d(logitRows), tf.tensor1d(labelValues, 'int32'));
    expect(loss.shape).toEqual([]);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it('crossEntropy has the softmax-minus-one-hot gradient divided by the batch size', () => {
    const logits = tf.tensor2d(logitRows);
    const labels = tf.tensor1d(labelValues, 'int32');
    const grad = tf.grad((l: tf.Tensor) => crossEntropy(l as tf.Tensor2D, labels))(logits);
    const expected = tf.div(tf.sub(tf.softmax(logits), tf.oneHot(labels, 3)), logitRows.length);
    expect(tf.max(tf.abs(tf.sub(grad, expected))).dataSync()[0]).toBeLessThan(1e-6);
  });

  it('countCorrect counts argmax hits as a float32 scalar', () => {
    const correct = countCorrect(tf.tensor2d(logitRows), tf.tensor1d(labelValues, 'int32'));
    expect(correct.dtype).toBe('float32');
    expect(correct.dataSync()[0]).toBe(3); // rows 0, 2, 3 right; row 1 predicts class 2
  });
});
