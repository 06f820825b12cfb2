// WebGPU tier: the split-reduction batch norm in training mode (batchNormSplit.ts), forced for every BatchNorm
// layer, against the reference tfjs ops on the real webgpu backend (Dawn): output, running statistics, and the
// gradients of x, gamma, beta and the shortcut; several chunks per channel, an uneven last chunk, more than 256
// channels; the combining pass at both widths (a GPU's 256 threads per channel, a CPU adapter's 16).
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readWebGpuCounts } from '../../bench/webgpuCounter';
import type { Epilogue } from '../epilogue';
import { BatchNorm } from '../batchNorm';
import { ParameterStore } from '../parameterStore';
import { splitPlan } from './batchNormSplit';
import { forceImplementations } from './kernelChoice';
import { CPU_REDUCTION_THREADS, forceReductionThreads, GPU_REDUCTION_THREADS } from './reductionThreads';
import { bothWays, relativeError } from './testing/compare';

const TOLERANCE = 1e-5;

interface Case {
  name: string;
  shape: [number, number, number, number];
  relu: boolean;
  add: boolean;
}

const cases: Case[] = [
  { name: 'batch 3 of 5x5, 4 channels, ReLU (1 chunk)', shape: [3, 5, 5, 4], relu: true, add: false },
  { name: 'batch 3 of 5x5, 4 channels, no ReLU', shape: [3, 5, 5, 4], relu: false, add: false },
  { name: 'batch 3 of 5x5, 16 channels, + shortcut, ReLU (2 chunks, the last of 11 rows)', shape: [3, 5, 5, 16], relu: true, add: true },
  { name: 'batch 3 of 5x5, 16 channels, ReLU', shape: [3, 5, 5, 16], relu: true, add: false },
  { name: 'batch 3 of 5x5, 16 channels, + shortcut, no ReLU', shape: [3, 5, 5, 16], relu: false, add: true },
  { name: 'batch 3 of 5x5, 64 channels, no ReLU (5 chunks)', shape: [3, 5, 5, 64], relu: false, add: false },
  { name: 'batch 3 of 5x5, 64 channels, + shortcut, ReLU', shape: [3, 5, 5, 64], relu: true, add: true },
  { name: 'batch 8 of 16x16, 4 channels, + shortcut, ReLU (8 chunks)', shape: [8, 16, 16, 4], relu: true, add: true },
  { name: 'batch 8 of 24x24, 64 channels, + shortcut, ReLU (288 chunks: more than the combining threads)', shape: [8, 24, 24, 64], relu: true, add: true },
  { name: 'batch 2 of 3x3, 260 channels, ReLU (2 channel groups)', shape: [2, 3, 3, 260], relu: true, add: false },
];

const count = (label: string) => readWebGpuCounts().dispatchesByLabel[label] ?? 0;
const LABELS = [
  'BatchNormSplitStatistics',
  'BatchNormSplitCombine',
  'BatchNormSplitNormalize',
  'BatchNormSplitBackwardSums',
  'BatchNormSplitBackwardCombine',
  'BatchNormSplitBackwardInput',
  'BatchNormTrainForward',
  'BatchNormTrainBackward',
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

describe('split-reduction chunking (splitPlan)', () => {
  it('ResNet-20 at batch 128: thousands of workgroups, every row in exactly one chunk', () => {
    expect(splitPlan(131_072, 16)).toEqual({ width: 16, rowLanes: 16, channelGroups: 1, rows: 64, chunks: 2048 });
    expect(splitPlan(32_768, 32)).toEqual({ width: 32, rowLanes: 8, channelGroups: 1, rows: 32, chunks: 1024 });
    expect(splitPlan(8192, 64)).toEqual({ width: 64, rowLanes: 4, channelGroups: 1, rows: 16, chunks: 512 });
    for (const [n, c] of [[75, 4], [75, 64], [2048, 4], [18, 260], [5_000_000, 3], [1 << 26, 16]]) {
      const p = splitPlan(n, c);
      expect(p.rows % p.rowLanes).toBe(0);
      expect(p.chunks * p.rows).toBeGreaterThanOrEqual(n);
      expect((p.chunks - 1) * p.rows).toBeLessThan(n);
      expect(p.chunks).toBeLessThanOrEqual(65_535);
      expect(p.width * p.rowLanes).toBeLessThanOrEqual(256);
      expect(p.width * p.channelGroups).toBeGreaterThanOrEqual(c);
    }
  });
});

describe.each([GPU_REDUCTION_THREADS, CPU_REDUCTION_THREADS])('split-reduction batch norm, training mode (WebGPU), combining at %i threads', (threads) => {
  beforeAll(() => forceReductionThreads(threads));
  afterAll(() => forceReductionThreads(null));
  beforeEach(() => void forceImplementations('split-reduction'));
  afterEach(() => void forceImplementations(null));
  for (const c of cases) {
    it(c.name, async () => {
      const before = LABELS.map(count);
      const { fused, reference } = bothWays(() => run(c, 7));
      const ran = Object.fromEntries(LABELS.map((label, i) => [label, count(label) - before[i]]));
      // Two forward passes (y, then inside variableGrads) and one backward, none by the per-channel kernels.
      expect(ran).toEqual({
        BatchNormSplitStatistics: 2,
        BatchNormSplitCombine: 2,
        BatchNormSplitNormalize: 2,
        BatchNormSplitBackwardSums: 1,
        BatchNormSplitBackwardCombine: 1,
        BatchNormSplitBackwardInput: 1,
        BatchNormTrainForward: 0,
        BatchNormTrainBackward: 0,
      });
      const errors: Record<string, number> = {
        y: await relativeError(fused.y, reference.y),
        runningMean: await relativeError(fused.runningMean, reference.runningMean),
        runningVariance: await relativeError(fused.runningVariance, reference.runningVariance),
      };
      const names = ['dx', 'dgamma', 'dbeta', 'dshortcut'];
      for (let i = 0; i < (c.add ? 4 : 3); i++) errors[names[i]] = await relativeError(fused.gradients[i], reference.gradients[i]);
      console.log(`${threads} threads, ${c.name}: ${Object.entries(errors).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(', ')}`);
      for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThan(TOLERANCE);
    });
  }
});
