import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm, BN_EPSILON } from './batchNorm';
import { ParameterStore } from './parameterStore';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SHAPE: [number, number, number, number] = [2, 3, 3, 2]; // N, H, W, C: 18 values per channel
const PER_CHANNEL = 18;

/** Per-channel mean and biased variance of an NHWC array, in plain JS (float64). */
function channelMoments(x: Float32Array, channels: number): { mean: number[]; variance: number[] } {
  const mean = new Array<number>(channels).fill(0);
  const variance = new Array<number>(channels).fill(0);
  x.forEach((v, i) => (mean[i % channels] += v / (x.length / channels)));
  x.forEach((v, i) => (variance[i % channels] += (v - mean[i % channels]) ** 2 / (x.length / channels)));
  return { mean, variance };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThan(tolerance);
}

describe('BatchNorm (PyTorch semantics)', () => {
  it('train: normalises with the batch mean and BIASED variance; running stats get the UNBIASED variance', () => {
    const store = new ParameterStore(0);
    const bn = new BatchNorm(store, 'bn', 2);
    const x = tf.add(tf.mul(tf.randomNormal(SHAPE, 0, 1, 'float32', 3), 2), 5) as tf.Tensor4D;
    const values = x.dataSync() as Float32Array;
    const { mean, variance } = channelMoments(values, 2);

    const y = bn.apply(x, 'train');
    const expected = Array.from(values, (v, i) => (v - mean[i % 2]) / Math.sqrt(variance[i % 2] + BN_EPSILON));
    expectClose(y.dataSync(), expected, 1e-4);

    const unbiased = variance.map((v) => (v * PER_CHANNEL) / (PER_CHANNEL - 1));
    expectClose(bn.runningMean.dataSync(), mean.map((m) => 0.1 * m));
    expectClose(bn.runningVariance.dataSync(), unbiased.map((v) => 0.9 * 1 + 0.1 * v));
    tf.dispose([x, y]);
    store.dispose();
  });

  it('eval: uses the running statistics and leaves them alone', () => {
    const store = new ParameterStore(0);
    const bn = new BatchNorm(store, 'bn', 2);
    tf.tidy(() => {
      bn.runningMean.assign(tf.tensor1d([1, -2]));
      bn.runningVariance.assign(tf.tensor1d([4, 0.25]));
      bn.gamma.assign(tf.tensor1d([2, 3]));
      bn.beta.assign(tf.tensor1d([0.5, -0.5]));
    });
    const x = tf.randomNormal(SHAPE, 0, 1, 'float32', 4) as tf.Tensor4D;
    const y = bn.apply(x, 'eval');
    const [rm, rv, g, b] = [[1, -2], [4, 0.25], [2, 3], [0.5, -0.5]];
    const expected = Array.from(x.dataSync(), (v, i) => {
      const c = i % 2;
      return ((v - rm[c]) / Math.sqrt(rv[c] + BN_EPSILON)) * g[c] + b[c];
    });
    expectClose(y.dataSync(), expected, 1e-4);
    expect([...bn.runningMean.dataSync()]).toEqual(rm);
    expect([...bn.runningVariance.dataSync()]).toEqual(rv);
    tf.dispose([x, y]);
    store.dispose();
  });

  it('gamma and beta are trainable without weight decay; running stats are not trainable', () => {
    const store = new ParameterStore(0);
    new BatchNorm(store, 'bn', 3);
    expect(store.parameters.map((p) => [p.name, p.decay, p.variable.trainable])).toEqual([
      ['bn/gamma', false, true],
      ['bn/beta', false, true],
    ]);
    expect(store.statistics.map((v) => [ParameterStore.localName(v), v.trainable])).toEqual([
      ['bn/runningMean', false],
      ['bn/runningVariance', false],
    ]);
    store.dispose();
  });
});
