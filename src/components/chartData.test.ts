import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import type { Run } from '../state/appState';
import { buildChartRows, downsample, errorAxisMax, testKey, trainKey } from './chartData';

const config = PRESETS[0].config;
const makeRun = (id: string, train: [number, number][], test: [number, number][]): Run => ({
  id,
  config,
  state: 'running',
  iterationsPerEpoch: 10,
  train: train.map(([iteration, trainError]) => ({ iteration, epoch: iteration / 10, trainError, trainLoss: 1 })),
  test: test.map(([iteration, testError]) => ({ iteration, epoch: iteration / 10, testError, testLoss: 1 })),
});

describe('chart rows', () => {
  it('merges runs and curves on one sorted x axis', () => {
    const rows = buildChartRows([makeRun('a', [[5, 80], [10, 70]], [[10, 75]]), makeRun('b', [[5, 85]], [])], 'iteration');
    expect(rows).toEqual([
      { x: 5, [trainKey('a')]: 80, [trainKey('b')]: 85 },
      { x: 10, [trainKey('a')]: 70, [testKey('a')]: 75 },
    ]);
  });

  it('uses epochs when asked', () => {
    const rows = buildChartRows([makeRun('a', [[5, 80]], [[10, 75]])], 'epoch');
    expect(rows.map((r) => r.x)).toEqual([0.5, 1]);
  });

  it('averages long histories into buckets', () => {
    const points = Array.from({ length: 10 }, (_, i) => ({ x: i, y: i * 10 }));
    expect(downsample(points, 20)).toBe(points);
    expect(downsample(points, 5)).toEqual([
      { x: 0.5, y: 5 },
      { x: 2.5, y: 25 },
      { x: 4.5, y: 45 },
      { x: 6.5, y: 65 },
      { x: 8.5, y: 85 },
    ]);
  });

  it('fits the error axis to the data in steps of 10%', () => {
    expect(errorAxisMax([{ x: 1, a: 7 } as never])).toBe(10);
    expect(errorAxisMax([{ x: 1, a: 47.5 } as never])).toBe(50);
    expect(errorAxisMax([{ x: 1, a: 100 } as never])).toBe(100);
  });
});
