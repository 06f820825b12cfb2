import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { subsampleAndZeroPad } from './shortcut';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** x[:, ::2, ::2, :] then zero channels appended, in plain JS on an NHWC array. */
function optionAReference(x: Float32Array, [b, h, w, c]: number[], outChannels: number): Float32Array {
  const oh = Math.ceil(h / 2);
  const ow = Math.ceil(w / 2);
  const out = new Float32Array(b * oh * ow * outChannels);
  for (let n = 0; n < b; n++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let k = 0; k < c; k++)
          out[((n * oh + i) * ow + j) * outChannels + k] = x[((n * h + 2 * i) * w + 2 * j) * c + k];
  return out;
}

describe('option A shortcut (§3.3)', () => {
  it('equals x[:, ::2, ::2, :] with zero channels appended after the existing ones', () => {
    const shape: [number, number, number, number] = [2, 8, 8, 3];
    const x = tf.randomNormal(shape, 0, 1, 'float32', 11) as tf.Tensor4D;
    const y = subsampleAndZeroPad(x, 2, 7);
    expect(y.shape).toEqual([2, 4, 4, 7]);
    expect(y.dataSync()).toEqual(optionAReference(x.dataSync() as Float32Array, shape, 7));
    tf.dispose([x, y]);
  });

  it('stride 1 only pads channels (the bottleneck stage 1 case); equal shapes pass x through', () => {
    const x = tf.randomNormal([1, 4, 4, 2], 0, 1, 'float32', 12) as tf.Tensor4D;
    const padded = subsampleAndZeroPad(x, 1, 5);
    const values = padded.arraySync();
    expect(values[0][3][1]).toEqual([...x.arraySync()[0][3][1], 0, 0, 0]);
    expect(subsampleAndZeroPad(x, 1, 2)).toBe(x);
    tf.dispose([x, padded]);
  });

  it('has a gradient: ones at the sampled pixels and real channels, zeros elsewhere', () => {
    const x = tf.randomNormal([1, 4, 4, 2], 0, 1, 'float32', 13) as tf.Tensor4D;
    const dx = tf.grad((input: tf.Tensor) => tf.sum(subsampleAndZeroPad(input as tf.Tensor4D, 2, 4)))(x);
    const expectedGrad = new Float32Array(32); // NHWC [1,4,4,2]: pixel (2i, 2j), both channels
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) for (let k = 0; k < 2; k++) expectedGrad[(2 * i * 4 + 2 * j) * 2 + k] = 1;
    expect(dx.dataSync()).toEqual(expectedGrad);
    tf.dispose([x, dx]);
  });

  it('refuses to shrink channels', () => {
    const x = tf.zeros([1, 2, 2, 4]) as tf.Tensor4D;
    expect(() => subsampleAndZeroPad(x, 2, 2)).toThrow(/shrink/);
    x.dispose();
  });
});
