// WebGPU tier: option A's shortcut as one kernel each way (zeroPadShortcut.ts) against the reference ops
// (avgPool 1x1 stride 2 + pad, and their gradients), odd maps included.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readWebGpuCounts } from '../../bench/webgpuCounter';
import { subsampleAndZeroPad } from '../shortcut';
import { bothWays } from './testing/compare';

describe('ZeroPadShortcut equals avgPool(1x1, stride) + pad (WebGPU)', () => {
  const cases: [string, [number, number, number, number], 1 | 2, number][] = [
    ['stage 1 -> 2: 32x32x16 -> 16x16x32, batch 2', [2, 32, 32, 16], 2, 32],
    ['odd 9x9 map, 4 -> 12 channels, batch 3', [3, 9, 9, 4], 2, 12],
    ['stride 1, 4 -> 8 channels (bottleneck widening)', [2, 5, 5, 4], 1, 8],
    ['stride 2, same channels', [1, 6, 6, 8], 2, 8],
  ];
  for (const [name, shape, stride, outChannels] of cases) {
    it(name, async () => {
      const x = tf.randomNormal(shape, 0, 1, 'float32', 3) as tf.Tensor4D;
      const outHeight = Math.ceil(shape[1] / stride);
      const dy = tf.randomNormal([shape[0], outHeight, outHeight, outChannels], 0, 1, 'float32', 4) as tf.Tensor4D;
      const before = readWebGpuCounts().dispatchesByLabel.ZeroPadShortcutBackward ?? 0;
      const { fused, reference } = bothWays(() => tf.valueAndGrad((input: tf.Tensor) => subsampleAndZeroPad(input as tf.Tensor4D, stride, outChannels))(x, dy));
      expect((readWebGpuCounts().dispatchesByLabel.ZeroPadShortcutBackward ?? 0) - before, 'the fused kernel ran').toBe(1);
      expect(fused.value.shape).toEqual(reference.value.shape);
      // Pure data movement: equal bit for bit.
      expect(Array.from(await fused.value.data())).toEqual(Array.from(await reference.value.data()));
      expect(Array.from(await fused.grad.data())).toEqual(Array.from(await reference.grad.data()));
    });
  }
});
