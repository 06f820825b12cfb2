import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNetwork } from './network';
import { parameterSeed } from './initializers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function stats(values: Float32Array): { mean: number; std: number; min: number; max: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length), min: Math.min(...values), max: Math.max(...values) };
}

describe('initialisation', () => {
  it('derives distinct, non-zero seeds per (network seed, name)', () => {
    const seeds = ['stem/conv', 'stem/bn/gamma', 'fc/kernel', 'fc/bias'].flatMap((name) =>
      [0, 1, 2].map((s) => parameterSeed(s, name)),
    );
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(seeds.every((s) => Number.isInteger(s) && s > 0)).toBe(true);
  });

  it('He normal conv weights (std sqrt(2/(9 C_in))), BN 1/0, FC uniform within ±1/sqrt(64)', () => {
    const network = buildNetwork({ depth: 20, blockType: 'residual', shortcut: 'A', block: 'basic', width: 16 }, 7);
    try {
      const byName = new Map(network.parameters.map((p) => [p.name, p.variable.dataSync() as Float32Array]));
      const conv = stats(byName.get('stage3/block2/conv2')!); // 9*64*64 = 36,864 draws
      expect(conv.mean).toBeCloseTo(0, 2);
      expect(conv.std / Math.sqrt(2 / (9 * 64))).toBeCloseTo(1, 1);
      const stem = stats(byName.get('stem/conv')!); // only 432 draws: loose check
      expect(Math.abs(stem.std / Math.sqrt(2 / 27) - 1)).toBeLessThan(0.15);
      expect([...byName.get('stage1/block0/bn1/gamma')!].every((v) => v === 1)).toBe(true);
      expect([...byName.get('stage1/block0/bn1/beta')!].every((v) => v === 0)).toBe(true);
      for (const name of ['fc/kernel', 'fc/bias']) {
        const fc = stats(byName.get(name)!);
        expect(fc.max).toBeLessThanOrEqual(1 / 8);
        expect(fc.min).toBeGreaterThanOrEqual(-1 / 8);
        expect(fc.std).toBeGreaterThan(0.02);
      }
      const [mean, variance] = network.bnStatistics.slice(0, 2).map((v) => [...v.dataSync()]);
      expect(mean.every((v) => v === 0) && variance.every((v) => v === 1)).toBe(true);
    } finally {
      network.dispose();
    }
  });
});
