// WebGPU tier: the fused classifier layer (linear.ts) against tfjs's matMul + add, values and all three gradients.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readWebGpuCounts } from '../../bench/webgpuCounter';
import { Linear } from '../linear';
import { ParameterStore } from '../parameterStore';
import { bothWays, relativeError } from './testing/compare';

function run(batch: number, inputs: number, outputs: number) {
  const store = new ParameterStore(4);
  const layer = new Linear(store, 'fc', inputs, outputs);
  const x = tf.randomNormal([batch, inputs], 0, 1, 'float32', 8) as tf.Tensor2D;
  const dy = tf.randomNormal([batch, outputs], 0, 1, 'float32', 9) as tf.Tensor2D;
  const { value, grads } = tf.valueAndGrads((input: tf.Tensor) => layer.apply(input as tf.Tensor2D))([x], dy);
  const [dw, dbias] = tf.grads((w: tf.Tensor, b: tf.Tensor) => tf.add(tf.matMul(x, w as tf.Tensor2D), b))([layer.kernel, layer.bias], dy);
  const variableGrads = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x), dy)) as tf.Scalar, [layer.kernel, layer.bias]).grads;
  return { value, dx: grads[0], dw: variableGrads[layer.kernel.name], dbias: variableGrads[layer.bias.name], referenceDw: dw, referenceDbias: dbias };
}

describe('LinearForward / LinearBackward equal matMul + add (WebGPU)', () => {
  for (const [batch, inputs, outputs] of [
    [128, 64, 10],
    [3, 5, 7],
    [1, 16, 10],
  ] as const) {
    it(`batch ${batch}, ${inputs} -> ${outputs}`, async () => {
      const count = (label: string) => readWebGpuCounts().dispatchesByLabel[label] ?? 0;
      const before = [count('LinearForward'), count('LinearBackward')];
      const { fused, reference } = bothWays(() => run(batch, inputs, outputs));
      expect(count('LinearForward') - before[0], 'the forward kernel ran for both values').toBe(2);
      expect(count('LinearBackward') - before[1], 'the backward kernel ran for both gradients').toBe(2);
      for (const name of ['value', 'dx', 'dw', 'dbias'] as const) {
        const error = await relativeError(fused[name], reference[name]);
        expect(error, name).toBeLessThan(1e-5);
      }
      // The reference side's own variable gradients equal tf.grads of the plain ops (a check on the check).
      expect(await relativeError(reference.dw, reference.referenceDw)).toBe(0);
      expect(await relativeError(reference.dbias, reference.referenceDbias)).toBe(0);
    });
  }
});
