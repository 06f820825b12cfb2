// WebGPU tier: the workgroup-tile forward convolution (convForwardTiled.ts), forced by name, against tfjs's own
// webgpu kernel on every kind of convolution the networks use (testing/convCases.ts) and on larger shapes that
// fill its tiles (a batch of 16 at 32x32, the 32- and 64-channel tiles).
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { readWebGpuCounts } from '../../bench/webgpuCounter';
import { workgroupTileConvForward } from './convForwardTiled';
import { convGeometry } from './convGeometry';
import { forceImplementations } from './kernelChoice';
import { bothWays, relativeError } from './testing/compare';
import { CONV_CASES, type ConvCase } from './testing/convCases';

const CASES: readonly ConvCase[] = [
  ...CONV_CASES,
  { name: '3x3 stride 1, 16 -> 16, batch 16, 32x32', x: [16, 32, 32, 16], kernel: 3, outChannels: 16, stride: 1 },
  { name: '3x3 stride 1, 64 -> 64, batch 16, 8x8', x: [16, 8, 8, 64], kernel: 3, outChannels: 64, stride: 1 },
  { name: '3x3 stride 2, 16 -> 32, batch 3, 16x16', x: [3, 16, 16, 16], kernel: 3, outChannels: 32, stride: 2 },
  { name: '3x3 stride 1, 32 -> 32, batch 2, odd 15x15', x: [2, 15, 15, 32], kernel: 3, outChannels: 32, stride: 1 },
  { name: '1x1 stride 2 (projection), 16 -> 32, batch 2, 16x16', x: [2, 16, 16, 16], kernel: 1, outChannels: 32, stride: 2 },
];
/** The cases it declines (tfjs's kernel runs them): output channels not in fours. */
const DECLINED = new Set(['1x1 stride 2, 5 -> 7 (odd channels: tfjs kernel)']);
const KERNEL = 'ConvForwardTiled';

describe(`workgroup-tile ${KERNEL} equals tfjs's webgpu kernel`, () => {
  afterEach(() => void forceImplementations(null));
  for (const c of CASES) {
    it(c.name, async () => {
      const pad = (c.kernel - 1) / 2;
      const filterShape: [number, number, number, number] = [c.kernel, c.kernel, c.x[3], c.outChannels];
      const g = convGeometry(c.x, filterShape, { strides: c.stride, pad })!;
      expect(workgroupTileConvForward.handles(g), 'handles exactly the expected shapes').toBe(!DECLINED.has(c.name));
      const x = tf.randomNormal(c.x, 0, 1, 'float32', 1) as tf.Tensor4D;
      const filter = tf.randomNormal(filterShape, 0, 0.3, 'float32', 2) as tf.Tensor4D;
      forceImplementations('workgroup-tile');
      const count = () => readWebGpuCounts().dispatchesByLabel[KERNEL] ?? 0;
      const before = count();
      const { fused, reference } = bothWays(() => tf.conv2d(x, filter, c.stride, pad));
      expect(count() - before, 'the tiled kernel ran exactly when it handles the shape').toBe(DECLINED.has(c.name) ? 0 : 1);
      expect(Math.max(...(await tf.abs(reference).max().data())), 'a non-trivial result').toBeGreaterThan(0.1);
      const error = await relativeError(fused, reference);
      console.info(`forward (workgroup-tile) ${c.name}: relative difference ${error.toExponential(2)}`);
      expect(error).toBeLessThan(1e-5);
      tf.dispose([x, filter, fused, reference]);
    });
  }
});
