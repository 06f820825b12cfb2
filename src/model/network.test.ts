import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config';
import { SgdMomentum } from '../engine/sgd';
import { crossEntropy } from './loss';
import { bnStatisticName, buildNetwork, type Network } from './network';
import { residualConfig } from './testing/configs';

// Small networks: the tfjs CPU backend is slow. depth 8 = n 1 (basic), depth 11 = n 1 (bottleneck).
const micro = (extra: Partial<ModelConfig> = {}): ModelConfig => residualConfig(8, 4, extra);

const alive: Network[] = [];
function build(config: ModelConfig, seed = 0): Network {
  const network = buildNetwork(config, seed);
  alive.push(network);
  return network;
}

function input(batch: number, seed = 1): tf.Tensor4D {
  return tf.randomNormal([batch, 32, 32, 3], 0, 1, 'float32', seed) as tf.Tensor4D;
}

function values(network: Network): Map<string, number[]> {
  return new Map(network.parameters.map((p) => [p.name, [...p.variable.dataSync()]]));
}

function statistics(network: Network): number[][] {
  return network.bnStatistics.map((v) => [...v.dataSync()]);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  alive.splice(0).forEach((n) => n.dispose());
});

describe('buildNetwork', () => {
  it.each<[string, Partial<ModelConfig>]>([
    ['plain', { blockType: 'plain' }],
    ['residual, option A', {}],
    ['residual, option B', { shortcut: 'B' }],
    ['bottleneck residual, option A', { block: 'bottleneck', depth: 11 }],
    ['bottleneck residual, option B', { block: 'bottleneck', depth: 11, shortcut: 'B' }],
    ['bottleneck plain', { block: 'bottleneck', depth: 11, blockType: 'plain' }],
  ])('%s: logits [B, 10] in train and eval mode', (_, extra) => {
    const network = build(micro(extra));
    const x = input(2);
    for (const mode of ['train', 'eval'] as const) {
      const logits = network.apply(x, mode);
      expect(logits.shape).toEqual([2, 10]);
      expect(logits.dtype).toBe('float32');
      expect([...logits.dataSync()].every(Number.isFinite)).toBe(true);
      logits.dispose();
    }
    x.dispose();
  });

  it('names every parameter by its place, in a stable order; decay only on conv and FC weights', () => {
    const network = build(micro({ shortcut: 'B' }));
    const convBn = (scope: string, suffix = '') => [`${scope}/conv${suffix}`, `${scope}/bn${suffix}/gamma`, `${scope}/bn${suffix}/beta`];
    const block = (scope: string) => [...convBn(scope, '1'), ...convBn(scope, '2')];
    expect(network.parameters.map((p) => p.name)).toEqual([
      ...convBn('stem'),
      ...block('stage1/block0'),
      ...block('stage2/block0'),
      ...convBn('stage2/block0/shortcut'),
      ...block('stage3/block0'),
      ...convBn('stage3/block0/shortcut'),
      'fc/kernel',
      'fc/bias',
    ]);
    for (const p of network.parameters) {
      expect(p.decay, p.name).toBe(/\/conv\d*$|^fc\/kernel$/.test(p.name));
      expect(p.variable.trainable).toBe(true);
    }
    expect(network.parameters.find((p) => p.name === 'stage2/block0/conv1')!.variable.shape).toEqual([3, 3, 4, 8]);
    expect(network.parameters.find((p) => p.name === 'stage2/block0/shortcut/conv')!.variable.shape).toEqual([1, 1, 4, 8]);
    expect(network.parameters.find((p) => p.name === 'fc/kernel')!.variable.shape).toEqual([16, 10]);
    expect(network.bnStatistics.map(bnStatisticName).slice(0, 4)).toEqual([
      'stem/bn/runningMean',
      'stem/bn/runningVariance',
      'stage1/block0/bn1/runningMean',
      'stage1/block0/bn1/runningVariance',
    ]);
    expect(network.bnStatistics.every((v) => !v.trainable)).toBe(true);
  });

  it('is a pure function of (config, seed): same seed same weights (side by side), other seed other weights', () => {
    const a = values(build(micro(), 5));
    const b = values(build(micro(), 5));
    const c = values(build(micro(), 6));
    expect(b).toEqual(a);
    expect(c.get('stage2/block0/conv1')).not.toEqual(a.get('stage2/block0/conv1'));
  });

  it('plain and residual with the same seed have identical parameters, and differ only in the output', () => {
    const plain = build(micro({ blockType: 'plain' }), 3);
    const residual = build(micro({ blockType: 'residual' }), 3);
    expect(values(residual)).toEqual(values(plain));
    const x = input(2);
    const difference = tf.tidy(() => tf.max(tf.abs(tf.sub(plain.apply(x, 'eval'), residual.apply(x, 'eval')))));
    expect(difference.dataSync()[0]).toBeGreaterThan(1e-3);
    tf.dispose([x, difference]);
  });

  it('option B shares every option-A parameter value and adds only the projections', () => {
    const a = values(build(micro({ shortcut: 'A' }), 4));
    const b = values(build(micro({ shortcut: 'B' }), 4));
    for (const [name, value] of a) expect(b.get(name), name).toEqual(value);
    expect([...b.keys()].filter((name) => !a.has(name)).every((name) => name.includes('/shortcut/'))).toBe(true);
  });

  it("'eval' leaves the BN running statistics alone; 'train' updates them", () => {
    const network = build(micro());
    const x = input(4);
    const initial = statistics(network);
    network.apply(x, 'eval').dispose();
    expect(statistics(network)).toEqual(initial);
    network.apply(x, 'train').dispose();
    const afterTrain = statistics(network);
    afterTrain.forEach((s, i) => expect(s, bnStatisticName(network.bnStatistics[i])).not.toEqual(initial[i]));
    x.dispose();
  });

  it('throws a clear error for an invalid depth before creating any tensor', () => {
    const before = tf.memory().numTensors;
    for (const depth of [21, 0, -4, NaN, 11]) {
      expect(() => buildNetwork(micro({ depth }), 0)).toThrow(/Invalid depth .* 6n\+2 .*8, 14, 20/);
    }
    expect(() => buildNetwork(micro({ depth: 8, block: 'bottleneck' }), 0)).toThrow(/9n\+2/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('dispose() frees every variable', () => {
    const before = tf.memory().numTensors;
    buildNetwork(micro({ shortcut: 'B' }), 0).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaks no tensor over train steps inside tf.tidy + tf.variableGrads (running-stat updates included)', () => {
    const network = build(micro({ shortcut: 'B' }));
    const optimizer = new SgdMomentum(network.parameters, 0.9, 1e-4);
    const variables = network.parameters.map((p) => p.variable);
    const x = input(4);
    const labels = tf.tensor1d([0, 3, 7, 9], 'int32');
    const step = () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => crossEntropy(network.apply(x, 'train'), labels), variables);
        expect(Object.keys(grads)).toHaveLength(variables.length);
        optimizer.step(grads, 0.1);
        tf.dispose([value, ...Object.values(grads)]);
      });
    step(); // warm-up
    const counts: number[] = [];
    const statsBefore = statistics(network);
    for (let i = 0; i < 3; i++) {
      step();
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    expect(statistics(network)).not.toEqual(statsBefore); // the assigns inside variableGrads took effect
    const beforeEval = tf.memory().numTensors;
    network.apply(x, 'eval').dispose();
    expect(tf.memory().numTensors).toBe(beforeEval);
    optimizer.dispose();
    tf.dispose([x, labels]);
  });
});
