// WebGPU tier: the fused training-mode batch norm (+ shortcut + ReLU) against the reference tfjs ops, on the
// real webgpu backend (Dawn): output, running statistics, and the gradients of x, gamma, beta and the shortcut,
// at both workgroup widths (a GPU's 256 threads per channel, a CPU adapter's 16), whatever adapter runs the test.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Epilogue } from '../epilogue';
import { bothWays, relativeError } from './testing/compare';
import { BatchNorm } from '../batchNorm';
import { ParameterStore } from '../parameterStore';
import { useNodeWebGpu } from '../../bench/nodeWebGpu';
import { CPU_REDUCTION_THREADS, forceReductionThreads, GPU_REDUCTION_THREADS, reductionThreads } from './reductionThreads';

const TOLERANCE = 1e-5;

interface Case {
  name: string;
  shape: [number, number, number, number];
  relu: boolean;
  add: boolean;
}

const cases: Case[] = [
  { name: 'batch 1, 4 channels, ReLU', shape: [1, 8, 8, 4], relu: true, add: false },
  { name: 'batch 3, 16 channels, + shortcut, ReLU', shape: [3, 8, 8, 16], relu: true, add: true },
  { name: 'batch 2, 5 channels (odd), no ReLU', shape: [2, 5, 5, 5], relu: false, add: false },
  { name: 'batch 2, 4x4 maps, + shortcut, no ReLU', shape: [2, 4, 4, 8], relu: false, add: true },
  { name: 'batch 16, 32x32 maps (more values than threads)', shape: [16, 32, 32, 4], relu: true, add: true },
];

function run(c: Case, seed: number) {
  const store = new ParameterStore(seed);
  const bn = new BatchNorm(store, 'bn', c.shape[3]);
  // Non-trivial gamma / beta and shifted inputs, so every term of the gradient matters.
  bn.gamma.assign(tf.randomUniform([c.shape[3]], 0.5, 1.5, 'float32', seed));
  bn.beta.assign(tf.randomUniform([c.shape[3]], -0.5, 0.5, 'float32', seed + 1));
  const x = tf.variable(tf.add(tf.randomNormal(c.shape, 0, 2, 'float32', seed + 2), 3));
  const shortcut = tf.variable(tf.randomNormal(c.shape, 0, 1, 'float32', seed + 3));
  const upstream = tf.randomNormal(c.shape, 0, 1, 'float32', seed + 4);
  const then: Epilogue = { relu: c.relu, add: c.add ? (shortcut as tf.Tensor4D) : undefined };
  const y = bn.apply(x as tf.Tensor4D, 'train', then);
  const variables = [x, bn.gamma, bn.beta, ...(c.add ? [shortcut] : [])];
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(bn.apply(x as tf.Tensor4D, 'train', then), upstream)), variables);
  return { y, gradients: variables.map((v) => grads[v.name]), runningMean: bn.runningMean, runningVariance: bn.runningVariance };
}

describe.each([GPU_REDUCTION_THREADS, CPU_REDUCTION_THREADS])('fused batch norm, training mode (WebGPU), %i threads per channel', (threads) => {
  beforeAll(() => forceReductionThreads(threads));
  afterAll(() => forceReductionThreads(null));
  for (const c of cases) {
    it(c.name, async () => {
      const { fused, reference } = bothWays(() => run(c, 7));
      expect(await relativeError(fused.y, reference.y)).toBeLessThan(TOLERANCE);
      expect(await relativeError(fused.runningMean, reference.runningMean)).toBeLessThan(TOLERANCE);
      expect(await relativeError(fused.runningVariance, reference.runningVariance)).toBeLessThan(TOLERANCE);
      const names = ['x', 'gamma', 'beta', 'shortcut'];
      for (let i = 0; i < (c.add ? 4 : 3); i++) {
        const error = await relativeError(fused.gradients[i], reference.gradients[i]);
        expect(error, `gradient of ${names[i]}`).toBeLessThan(1e-4);
      }
    });
  }
});

it("picks the reduction width from the adapter tfjs runs on (tfjs's adapterInfo, read where the kernel is built)", async () => {
  const { adapter } = await useNodeWebGpu(); // the full adapter description, as the benchmark prints it
  const cpu = /swiftshader|llvmpipe|lavapipe/i.test(adapter);
  expect(reductionThreads()).toBe(cpu ? CPU_REDUCTION_THREADS : GPU_REDUCTION_THREADS);
});
