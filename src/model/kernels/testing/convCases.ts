// The convolutions the WebGPU tier checks each conv kernel on: every kind the networks use (3x3 stride 1 and 2
// with padding 1, the 1x1 stride-2 projection of option B, the 1x1 layers of bottleneck blocks, the 3-colour
// first layer) at odd batch sizes and odd map sizes, plus shapes the kernels hand back to tfjs.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readWebGpuCounts } from '../../../bench/webgpuCounter';
import { bothWays, relativeError } from './compare';

export interface ConvCase {
  name: string;
  /** NHWC input shape. */
  x: [number, number, number, number];
  kernel: 1 | 3;
  outChannels: number;
  stride: 1 | 2;
}

export const CONV_CASES: readonly ConvCase[] = [
  { name: '3x3 stride 1, 16 -> 16, batch 3, 32x32', x: [3, 32, 32, 16], kernel: 3, outChannels: 16, stride: 1 },
  { name: '3x3 stride 2, 4 -> 8, batch 1, 8x8', x: [1, 8, 8, 4], kernel: 3, outChannels: 8, stride: 2 },
  { name: '3x3 stride 2, 8 -> 12, batch 2, odd 9x9 map', x: [2, 9, 9, 8], kernel: 3, outChannels: 12, stride: 2 },
  { name: '3x3 stride 1, 64 -> 64, batch 5, 8x8 (stage 3)', x: [5, 8, 8, 64], kernel: 3, outChannels: 64, stride: 1 },
  { name: '1x1 stride 2 (projection), 8 -> 16, batch 2, 9x9', x: [2, 9, 9, 8], kernel: 1, outChannels: 16, stride: 2 },
  { name: '1x1 stride 1 (bottleneck), 16 -> 4, batch 1, 11x11', x: [1, 11, 11, 16], kernel: 1, outChannels: 4, stride: 1 },
  { name: '3x3 stride 1, 3 -> 4 (the first layer), batch 2', x: [2, 32, 32, 3], kernel: 3, outChannels: 4, stride: 1 },
  { name: '1x1 stride 2, 5 -> 7 (odd channels: tfjs kernel)', x: [2, 9, 9, 5], kernel: 1, outChannels: 7, stride: 2 },
];

/** Output height/width of a case (padding (k-1)/2 on each side, as the network's Conv2d). */
export function outSize(c: ConvCase): number {
  const pad = (c.kernel - 1) / 2;
  return Math.floor((c.x[1] + 2 * pad - c.kernel) / c.stride) + 1;
}

/** Whether the WGSL kernels take this case (else tfjs's own kernel runs, and the test checks that too). */
export function fusedHandles(c: ConvCase, gradient: 'forward' | 'input' | 'filter'): boolean {
  if (c.outChannels % 4 !== 0) return false;
  return gradient !== 'input' || c.x[3] % 4 === 0;
}

const PROGRAM = { forward: 'ConvForward', input: 'ConvInputGradient', filter: 'ConvFilterGradientSum' } as const;

function operands(c: ConvCase) {
  const out = outSize(c);
  const x = tf.randomNormal(c.x, 0, 1, 'float32', 1) as tf.Tensor4D;
  const filter = tf.randomNormal([c.kernel, c.kernel, c.x[3], c.outChannels], 0, 0.3, 'float32', 2) as tf.Tensor4D;
  const dy = tf.randomNormal([c.x[0], out, out, c.outChannels], 0, 1, 'float32', 3) as tf.Tensor4D;
  return { x, filter, dy, pad: (c.kernel - 1) / 2 };
}

function runs(which: keyof typeof PROGRAM, c: ConvCase): (() => tf.Tensor) {
  const { x, filter, dy, pad } = operands(c);
  const attrs = { strides: c.stride, pad, dataFormat: 'NHWC' };
  if (which === 'forward') return () => tf.conv2d(x, filter, c.stride, pad);
  if (which === 'input') return () => tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, { ...attrs, inputShape: c.x }) as tf.Tensor;
  return () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: filter.shape }) as tf.Tensor;
}

/** The WebGPU tier's cases for one of the three convolution kernels: each against tfjs's own webgpu kernel (run
 *  with ?kernels=reference), checking by the dispatch counter that the WGSL kernel really ran, or, for shapes it
 *  declines, that tfjs's did. */
export function describeConvKernel(which: keyof typeof PROGRAM): void {
  describe(`${PROGRAM[which]} equals tfjs's webgpu kernel`, () => {
    for (const c of CONV_CASES) {
      it(c.name, async () => {
        const work = runs(which, c);
        const count = () => readWebGpuCounts().dispatchesByLabel[PROGRAM[which]] ?? 0;
        const before = count();
        const { fused, reference } = bothWays(work);
        expect(count() - before, 'the WGSL kernel ran exactly when it handles the shape').toBe(fusedHandles(c, which) ? 1 : 0);
        const scale = Math.max(...(await tf.abs(reference).max().data()));
        expect(scale, 'a non-trivial result').toBeGreaterThan(0.1);
        const error = await relativeError(fused, reference);
        console.info(`${which} ${c.name}: relative difference ${error.toExponential(2)}`);
        expect(error).toBeLessThan(1e-5);
      });
    }
  });
}
