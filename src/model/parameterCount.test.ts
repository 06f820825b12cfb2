import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config';
import { buildNetwork } from './network';
import { countTrainableParameters, expectedTrainableParameters } from './parameterCount';
import { residualConfig } from './testing/configs';

const net = (depth: number, extra: Partial<ModelConfig> = {}): ModelConfig => residualConfig(depth, 16, extra);

/** §4.2 / Table 6 (0.27M, 0.46M, 0.66M, 0.85M, 1.7M, 19.4M), exact as in shared/PAPER.md. */
const PAPER_COUNTS: [number, number][] = [
  [20, 269_722],
  [32, 464_154],
  [44, 658_586],
  [56, 853_018],
  [110, 1_727_962],
  [1202, 19_421_274],
];

function builtCount(config: ModelConfig): number {
  const network = buildNetwork(config, 0);
  try {
    return countTrainableParameters(network);
  } finally {
    network.dispose();
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('expectedTrainableParameters (analytic)', () => {
  it.each(PAPER_COUNTS)('depth %i: %i for plain and for ResNet with option A', (depth, count) => {
    expect(expectedTrainableParameters(net(depth))).toBe(count);
    expect(expectedTrainableParameters(net(depth, { blockType: 'plain' }))).toBe(count);
  });

  it('option B adds exactly the two projections (16->32 and 32->64, 1x1 conv + BN) at width 16', () => {
    const projections = 16 * 32 + 2 * 32 + 32 * 64 + 2 * 64;
    for (const depth of [20, 56, 110]) {
      expect(expectedTrainableParameters(net(depth, { shortcut: 'B' }))).toBe(
        expectedTrainableParameters(net(depth)) + projections,
      );
    }
  });

  it('a plain net has no shortcuts, so option B does not change its count', () => {
    expect(expectedTrainableParameters(net(20, { blockType: 'plain', shortcut: 'B' }))).toBe(269_722);
  });

  it('throws on an invalid depth like the builder', () => {
    expect(() => expectedTrainableParameters(net(21))).toThrow(/6n\+2/);
  });
});

describe('countTrainableParameters (built networks)', () => {
  it.each([20, 56])('depth %i: the built plain and residual (A) networks hold the paper counts', (depth) => {
    const expected = PAPER_COUNTS.find(([d]) => d === depth)![1];
    expect(builtCount(net(depth))).toBe(expected);
    expect(builtCount(net(depth, { blockType: 'plain' }))).toBe(expected);
  });

  it('depth 110 builds in under 10 s on the CPU backend and holds 1,727,962 parameters', () => {
    const start = performance.now();
    const count = builtCount(net(110));
    const seconds = (performance.now() - start) / 1000;
    console.log(`ResNet-110 build + count + dispose on tfjs CPU: ${seconds.toFixed(2)} s`);
    expect(count).toBe(1_727_962);
    expect(seconds).toBeLessThan(10);
  });

  it('option B: built count = option A + the projections; analytic agrees', () => {
    const config = net(20, { shortcut: 'B' });
    expect(builtCount(config)).toBe(269_722 + 16 * 32 + 2 * 32 + 32 * 64 + 2 * 64);
    expect(builtCount(config)).toBe(expectedTrainableParameters(config));
  });

  it.each<Partial<ModelConfig>>([
    { block: 'bottleneck', shortcut: 'A' },
    { block: 'bottleneck', shortcut: 'B' },
    { block: 'bottleneck', blockType: 'plain' },
    { width: 4, shortcut: 'B' },
  ])('built and analytic counts agree for %o', (extra) => {
    const config = net(extra.block === 'bottleneck' ? 20 : 14, extra);
    expect(builtCount(config)).toBe(expectedTrainableParameters(config));
  });
});
