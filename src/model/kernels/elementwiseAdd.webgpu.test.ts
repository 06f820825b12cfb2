// WebGPU tier: the equal-shape add that takes tfjs's 'Add' kernel on webgpu (elementwiseAdd.ts): equal to tfjs's
// own BinaryOpProgram bit for bit; broadcasting and int32 adds are left to tfjs.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readWebGpuCounts } from '../../bench/webgpuCounter';
import { bothWays } from './testing/compare';

const count = (label: string) => readWebGpuCounts().dispatchesByLabel[label] ?? 0;

describe('ElementwiseAdd equals tfjs add (WebGPU)', () => {
  it('equal shapes, odd size: the fused kernel, bit for bit', async () => {
    const a = tf.randomNormal([3, 7, 5, 4], 0, 1, 'float32', 1);
    const b = tf.randomNormal([3, 7, 5, 4], 0, 1, 'float32', 2);
    const before = count('ElementwiseAdd');
    const { fused, reference } = bothWays(() => tf.add(a, b));
    expect(count('ElementwiseAdd') - before).toBe(1);
    expect(Array.from(await fused.data())).toEqual(Array.from(await reference.data()));
  });

  it('where a tensor feeds two paths, the gradient tape sums with it', async () => {
    const x = tf.randomNormal([2, 4, 4, 8], 0, 1, 'float32', 3);
    const before = count('ElementwiseAdd');
    const { fused, reference } = bothWays(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.relu(t), tf.exp(t))))(x));
    expect(count('ElementwiseAdd') - before).toBeGreaterThanOrEqual(1);
    expect(Array.from(await fused.data())).toEqual(Array.from(await reference.data()));
  });

  it('broadcasting and int32 adds go to tfjs', async () => {
    const before = count('ElementwiseAdd');
    const broadcast = tf.add(tf.ones([3, 4]), tf.tensor1d([1, 2, 3, 4]));
    const ints = tf.add(tf.tensor1d([1, 2], 'int32'), tf.tensor1d([3, 4], 'int32'));
    expect(count('ElementwiseAdd') - before).toBe(0);
    expect(Array.from(await broadcast.data())).toEqual([2, 3, 4, 5, 2, 3, 4, 5, 2, 3, 4, 5]);
    expect(Array.from(await ints.data())).toEqual([4, 6]);
  });
});
