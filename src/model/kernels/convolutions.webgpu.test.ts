// WebGPU tier: the three WGSL convolution kernels (convForward, convInputGradient, convFilterGradient) against
// tfjs's own webgpu kernels they replace (run with ?kernels=reference), on every kind of convolution the
// networks use. Each case also checks, by the dispatch counter, that the WGSL kernel really ran (or, for shapes
// it declines, that tfjs's did).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readWebGpuCounts } from '../../bench/webgpuCounter';
import { CONV_CASES, fusedHandles, outSize, type ConvCase } from './convCases';
import { bothWays, relativeError } from './testing/compare';

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

describe('WGSL convolution kernels equal tfjs webgpu kernels', () => {
  for (const which of ['forward', 'input', 'filter'] as const) {
    for (const c of CONV_CASES) {
      it(`${which}: ${c.name}`, async () => {
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
  }
});
