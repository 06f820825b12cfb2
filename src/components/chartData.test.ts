import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import type { Run } from '../state/appState';
import { referenceSetById } from '../reference/referenceCurves';
import {
  buildChartRows,
  lrDropXs,
  referenceTestKey,
  referenceTrainKey,
  smoothedTrainKey,
  spreadLabels,
  testKey,
  trainKey,
  visibleRuns,
  xAxisFormat,
} from './chartData';

const config = PRESETS[0].config;
const makeRun = (id: string, train: [number, number][], test: [number, number][]): Run => ({
  id,
  config,
  state: 'running',
  createdAt: 0,
  iterationsPerEpoch: 10,
  train: train.map(([iteration, trainError]) => ({ iteration, epoch: iteration / 10, trainError, trainLoss: 1, learningRate: 0.1 })),
  test: test.map(([iteration, testError]) => ({ iteration, epoch: iteration / 10, testError, testLoss: 1 })),
});

describe('chart rows', () => {
  it('merges runs and curves on one sorted x axis', () => {
    const rows = buildChartRows([makeRun('a', [[5, 80], [10, 70]], [[10, 75]]), makeRun('b', [[5, 85]], [])], { unit: 'iteration' });
    expect(rows).toEqual([
      { x: 5, [trainKey('a')]: 80, [trainKey('b')]: 85 },
      { x: 10, [trainKey('a')]: 70, [testKey('a')]: 75 },
    ]);
  });

  it('uses epochs when asked', () => {
    const rows = buildChartRows([makeRun('a', [[5, 80]], [[10, 75]])], { unit: 'epoch' });
    expect(rows.map((r) => r.x)).toEqual([0.5, 1]);
  });

  it('thins a long curve to the screen only when asked, and again only when the curve changes', () => {
    const long = makeRun('a', Array.from({ length: 5_000 }, (_, i) => [i + 1, 90 - i / 100] as [number, number]), []);
    expect(buildChartRows([long], { unit: 'iteration' })).toHaveLength(5_000);
    const resolution = { range: [0, 5_000] as const, buckets: 100 };
    const thinned = buildChartRows([long], { unit: 'iteration', resolution });
    expect(thinned.length).toBeLessThanOrEqual(202);
    // The same curve array (a progress tick replaced only the run object): the thinned series is reused.
    const ticked = { ...long, live: undefined };
    expect(buildChartRows([ticked], { unit: 'iteration', resolution })).toEqual(thinned);
  });

  it('overlays the PyTorch reference: test error per epoch and the fine training curve, on its own keys', () => {
    const reference = referenceSetById('pytorch-15')!;
    expect(reference.runs.map((r) => r.name)).toEqual(['plain-20', 'plain-56', 'resnet-20', 'resnet-56']);
    const rows = buildChartRows([makeRun('a', [[50, 80]], [])], { unit: 'iteration', reference });
    const at = (x: number) => rows.find((r) => r.x === x)!;
    // plain-56's test error after epoch 15 (iteration 5,850) is the README's 47.73%.
    expect(at(5850)[referenceTestKey('plain-56')]).toBeCloseTo(47.73, 2);
    expect(at(5850)[referenceTestKey('resnet-20')]).toBeCloseTo(16.93, 2);
    expect(at(50)[referenceTrainKey('plain-20')]).toBeCloseTo(81.328, 3);
    expect(at(50)[trainKey('a')]).toBe(80);
    const byEpoch = buildChartRows([], { unit: 'epoch', reference });
    expect(byEpoch.find((r) => r.x === 15)![referenceTestKey('resnet-56')]).toBeCloseTo(17.71, 2);
  });

  it('adds a smoothed training curve beside the raw one when smoothing is on', () => {
    const run = makeRun('a', [[1, 100], [2, 0], [3, 100]], []);
    expect(buildChartRows([run], { unit: 'iteration' })[0][smoothedTrainKey('a')]).toBeUndefined();
    const rows = buildChartRows([run], { unit: 'iteration', smoothing: 0.5 });
    expect(rows.map((r) => r[trainKey('a')])).toEqual([100, 0, 100]);
    expect(rows[0][smoothedTrainKey('a')]).toBe(100); // debiased: the first point is the raw one
    expect(rows[1][smoothedTrainKey('a')]).toBeCloseTo(100 / 3, 10);
  });

  it('draws only runs with points that are not hidden', () => {
    const shown = makeRun('a', [[5, 80]], []);
    const hidden = { ...makeRun('b', [[5, 80]], []), hidden: true };
    const queued = { ...makeRun('c', [], []), state: 'queued' as const };
    const testOnly = makeRun('d', [], [[10, 75]]);
    expect(visibleRuns([shown, hidden, queued, testOnly]).map((r) => r.id)).toEqual(['a', 'd']);
  });

  it('draws the training and test losses on the same keys for the loss chart, without the error-only overlay', () => {
    const reference = referenceSetById('pytorch-15')!;
    const run = makeRun('a', [[5, 80]], [[10, 75]]);
    run.train[0].trainLoss = 2.1;
    run.test[0].testLoss = 1.9;
    const rows = buildChartRows([run], { unit: 'iteration', metric: 'loss', reference });
    expect(rows).toEqual([
      { x: 5, [trainKey('a')]: 2.1 },
      { x: 10, [testKey('a')]: 1.9 },
    ]);
  });

  it('draws each distinct lr drop once, in iterations or in each run’s epochs', () => {
    const a = { ...makeRun('a', [], []), lrDropIterations: [3200, 4800] };
    const b = { ...makeRun('b', [], []), lrDropIterations: [3200, 4800] };
    const c = { ...makeRun('c', [], []), lrDropIterations: [1000, 1500], iterationsPerEpoch: 100 / 3 };
    expect(lrDropXs([a, b], 'iteration')).toEqual([3200, 4800]);
    expect(lrDropXs([a, c], 'iteration')).toEqual([1000, 1500, 3200, 4800]);
    // a drops at epoch 320 (10 iterations per epoch), c at epochs 30 and 45.
    expect(lrDropXs([a, c], 'epoch')).toEqual([30, 45, 320, 480]);
  });

  it('counts iterations in units of 10^4 from 20k on, like Fig. 6', () => {
    const paper = xAxisFormat('iteration', 64_000);
    expect(paper.label).toBe('iterations (×10⁴)');
    expect(paper.ticks).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 64_000]);
    expect(paper.ticks!.map(paper.format)).toEqual(['0', '1', '2', '3', '4', '5', '6', '6.4']);
    expect(xAxisFormat('iteration', 61_000).ticks!.at(-1)).toBe(60_000); // 6.1 would crowd 6
    expect(xAxisFormat('iteration', 200_000).ticks).toEqual(Array.from({ length: 11 }, (_, i) => i * 20_000));
    const short = xAxisFormat('iteration', 5_850);
    expect(short.label).toBe('iterations');
    expect(short.ticks).toBeUndefined();
    expect(short.format(5_850)).toBe('5,850');
    const epochs = xAxisFormat('epoch', 164);
    expect([epochs.label, epochs.format(2.3456)]).toEqual(['epochs', '2.35']);
  });

  it('spreads overlapping labels around their targets and keeps them inside the plot', () => {
    expect(spreadLabels([10, 50, 100], 12)).toEqual([10, 50, 100]);
    expect(spreadLabels([50, 50], 12)).toEqual([44, 56]);
    expect(spreadLabels([60, 50, 55], 10)).toEqual([65, 45, 55]);
    expect(spreadLabels([100, 100, 100], 10, 0, 100)).toEqual([80, 90, 100]);
    expect(spreadLabels([0, 0], 10, 0, 100)).toEqual([0, 10]);
  });

  it('never leaves two labels closer than their height when they fit (six Table 6 labels, any targets)', () => {
    // A fixed pseudo-random sequence (LCG), so a failure is reproducible.
    let seed = 1;
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      const targets = Array.from({ length: 1 + Math.floor(next() * 6) }, () => 20 + next() * 40);
      const positions = spreadLabels(targets, 13, 0, 300).sort((a, b) => a - b);
      positions.slice(1).forEach((y, i) => expect(y - positions[i]).toBeGreaterThanOrEqual(13 - 1e-9));
    }
  });
});
