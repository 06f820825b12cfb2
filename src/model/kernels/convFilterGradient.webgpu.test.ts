// WebGPU tier: the parallel filter gradient against tfjs's own Conv2DBackpropFilter (run with
// ?kernels=reference), for the network's convolutions: 3x3 stride 1 and 2 (padding 1), 1x1 stride 2 (option B),
// odd batch and channel counts, more positions than one chunk.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readWebGpuCounts } from '../../bench/webgpuCounter';
import { bothWays, relativeError } from './testing/compare';

const cases: { name: string; x: [number, number, number, number]; k: number; out: number; stride: 1 | 2 }[] = [
  { name: '3x3 stride 1, 16 -> 16, batch 3, 32x32', x: [3, 32, 32, 16], k: 3, out: 16, stride: 1 },
  { name: '3x3 stride 2, 4 -> 8, batch 1, 8x8', x: [1, 8, 8, 4], k: 3, out: 8, stride: 2 },
  { name: '1x1 stride 2 (projection), 5 -> 7, batch 2, 9x9', x: [2, 9, 9, 5], k: 1, out: 7, stride: 2 },
  { name: '3x3 stride 1, 3 -> 4 (the first layer), batch 2', x: [2, 32, 32, 3], k: 3, out: 4, stride: 1 },
];

describe('parallel convolution filter gradient (WebGPU)', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const x = tf.randomNormal(c.x, 0, 1, 'float32', 1) as tf.Tensor4D;
      const pad = (c.k - 1) / 2;
      const outSize = Math.floor((c.x[1] + 2 * pad - c.k) / c.stride) + 1;
      const dy = tf.randomNormal([c.x[0], outSize, outSize, c.out], 0, 1, 'float32', 2) as tf.Tensor4D;
      const filterShape: [number, number, number, number] = [c.k, c.k, c.x[3], c.out];
      const before = readWebGpuCounts().dispatchesByLabel.ConvFilterGradientSum ?? 0;
      const attrs = { strides: c.stride, pad, dataFormat: 'NHWC', filterShape };
      const { fused, reference } = bothWays(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs) as tf.Tensor);
      expect(readWebGpuCounts().dispatchesByLabel.ConvFilterGradientSum ?? 0).toBe(before + 1); // it really ran
      expect(await relativeError(fused, reference)).toBeLessThan(1e-5);
    });
  }
});
