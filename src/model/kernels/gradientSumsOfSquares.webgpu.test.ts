// WebGPU tier: the fused gradient sums of squares against plain JavaScript, for tensors smaller and larger than a
// workgroup, across several dispatches (6 tensors each), written into shuffled slots of one buffer.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { gradientSumsOfSquaresFused, slotGroups, TENSORS_PER_DISPATCH } from './gradientSumsOfSquares';

describe('gradient sums of squares (WebGPU)', () => {
  it('writes each tensor’s sum of squares into its slot, other slots untouched', async () => {
    // 9 tensors: two dispatches (6 + 3); sizes below and above 256, a conv kernel's shape, a scalar-like one.
    const shapes = [[3, 3, 16, 16], [16], [7], [300], [1], [3, 3, 3, 16], [64, 10], [10], [3, 3, 32, 64]];
    expect(shapes.length).toBeGreaterThan(TENSORS_PER_DISPATCH);
    const tensors = shapes.map((shape, i) => tf.randomNormal(shape, 0, 1 + i, 'float32', i + 1));
    const slots = [4, 0, 9, 2, 7, 1, 5, 3, 8]; // slot 6 and 10 stay as they were
    const out = tf.variable(tf.fill([11], -1));
    const groups = slotGroups(slots);
    gradientSumsOfSquaresFused(tensors, groups, out);
    const values = await out.data();
    for (let i = 0; i < tensors.length; i++) {
      const expected = Array.from(await tensors[i].data()).reduce((sum, v) => sum + v * v, 0);
      expect(Math.abs(values[slots[i]] - expected) / expected, `tensor ${i}`).toBeLessThan(1e-5);
    }
    expect(values[6]).toBe(-1);
    expect(values[10]).toBe(-1);
    tf.dispose([...tensors, ...groups, out]);
  });
});
