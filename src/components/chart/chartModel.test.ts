import { describe, expect, it } from 'vitest';
import { DEFAULT_CHART_VIEW, type ChartView } from '../ChartControls';
import { referenceTestKey, referenceTrainKey, testKey, trainKey } from '../chartData';
import { chartModel } from './chartModel';
import { testRun } from './testRuns';

const view = (change: Partial<ChartView> = {}): ChartView => ({ ...DEFAULT_CHART_VIEW, ...change });

// The user's case: plain-8 vs ResNet-8, micro settings (64 images at batch 16: 4 iterations an epoch, 2 epochs).
const plain8 = testRun('plain-8', { model: { depth: 8, blockType: 'plain' } });
const resnet8 = testRun('resnet-8', { model: { depth: 8, blockType: 'residual' } });

describe('the chart at a glance', () => {
  it('tells plain-8 from ResNet-8 by dash and marker, and marks both curves of each run', () => {
    const model = chartModel([plain8, resnet8], view(), null);
    const [plain, residual] = model.styles;
    expect(plain.colour).not.toBe(residual.colour); // every run its own colour (issue 20, finding 8)
    expect(plain.trainDash).not.toBe(residual.trainDash);
    expect(plain.marker).not.toBe(residual.marker);
    for (const run of [plain8, resnet8]) {
      expect(model.markers.get(trainKey(run.id))!.size).toBeGreaterThan(0);
      expect(model.markers.get(testKey(run.id))!.size).toBe(run.test.length);
    }
  });

  it('puts 8 to 12 markers on a long training curve, none on every point', () => {
    const long = testRun('r20', { model: { depth: 20, blockType: 'residual' }, preset: 'short', trainEvery: 20 });
    const model = chartModel([long], view(), null);
    const train = model.markers.get(trainKey('r20'))!;
    expect(train.size).toBeGreaterThanOrEqual(8);
    expect(train.size).toBeLessThanOrEqual(12);
    expect(model.markers.get(testKey('r20'))!.size).toBeLessThanOrEqual(12);
  });

  it('marks the reference overlay’s curves too', () => {
    const model = chartModel([], view({ referenceId: 'pytorch-15' }), null);
    expect(model.markers.get(referenceTrainKey('plain-56'))!.size).toBeGreaterThanOrEqual(8);
    expect(model.markers.get(referenceTestKey('plain-56'))!.size).toBeGreaterThanOrEqual(8);
  });
});

describe("the paper's Table 6 on the chart", () => {
  it('draws no star on a micro depth-8 run, and says the table has no depth 8', () => {
    const model = chartModel([plain8, resnet8], view(), null);
    expect(model.table6.stars).toEqual([]);
    expect(model.table6.listed).toEqual([]);
    expect(model.table6Key).toMatch(/no entry for depth 8/);
  });

  it('lists only ResNet-20’s number, with no star, for a 3-epoch depth-20 run', () => {
    const run = testRun('r20', { model: { depth: 20, blockType: 'residual' }, preset: 'short', config: { epochs: 3 }, trainEvery: 10 });
    const model = chartModel([run], view(), null);
    expect(model.table6.stars).toEqual([]);
    expect(model.table6.listed.map((r) => r.depth)).toEqual([20]);
    expect(model.table6Key).toBe('Paper, Table 6 (after 64k iterations; this axis ends at 1,170 iterations): ResNet-20 8.75%');
  });

  it('draws stars for 20 and 56 only on the paper schedule, from the first steps (the axis spans 64k)', () => {
    const runs = [
      testRun('p20', { model: { depth: 20, blockType: 'plain' }, preset: 'paper', trained: 2_000, trainEvery: 100 }),
      testRun('p56', { model: { depth: 56, blockType: 'plain' }, preset: 'paper', trained: 2_000, trainEvery: 100 }),
      testRun('r20', { model: { depth: 20, blockType: 'residual' }, preset: 'paper', trained: 2_000, trainEvery: 100 }),
      testRun('r56', { model: { depth: 56, blockType: 'residual' }, preset: 'paper', trained: 2_000, trainEvery: 100 }),
    ];
    const model = chartModel(runs, view(), null);
    expect(model.xEnd).toBe(64_000);
    expect(model.table6.stars.map((r) => [r.depth, r.testError])).toEqual([
      [20, 8.75],
      [56, 6.97],
    ]);
    expect(model.table6Key).toMatch(/^★ paper Table 6/);
    expect(model.lrDrops).toEqual([32_000, 48_000]);
    // Zoomed away from the end of training, the stars would sit at the wrong x: listed instead.
    const zoomed = chartModel(runs, view(), [0, 10_000]);
    expect(zoomed.table6.stars).toEqual([]);
    expect(zoomed.table6Key).toMatch(/beyond the zoomed range\): ResNet-20 8\.75%, ResNet-56 6\.97%$/);
    // Off: neither stars nor the line.
    const off = chartModel(runs, view({ paperTable6: false }), null);
    expect([off.table6.stars, off.table6Key]).toEqual([[], null]);
  });

  it('gives the end of the axis in epochs when the axis counts epochs (issue 20, finding 8)', () => {
    const model = chartModel([], view({ referenceId: 'pytorch-15', unit: 'epoch' }), null);
    expect(model.table6Key).toBe('Paper, Table 6 (after 64k iterations; this axis ends at 15 epochs): ResNet-20 8.75%, ResNet-56 6.97%');
  });

  it('colours the overlay after the runs and each star like the ResNet of its depth', () => {
    const model = chartModel([plain8, resnet8], view({ referenceId: 'pytorch-15' }), null);
    const colours = [...model.styles.map((s) => s.colour), ...model.referenceStyles.map((s) => s.colour)];
    expect(new Set(colours).size).toBe(6);
    const runs = [testRun('r56', { model: { depth: 56, blockType: 'residual' }, preset: 'paper', trained: 2_000, trainEvery: 100 })];
    const paper = chartModel(runs, view(), null);
    expect(paper.table6Colours.get(56)).toBe(paper.styles[0].colour);
    // Its y axis reaches down to the star (6.97%), though the curve is still above 80%.
    expect(paper.yAxis.domain[0]).toBeLessThanOrEqual(6.97);
  });

  it('lists the overlay’s depths when the PyTorch reference (15 epochs) is the only thing drawn', () => {
    const model = chartModel([], view({ referenceId: 'pytorch-15' }), null);
    expect(model.table6.stars).toEqual([]);
    expect(model.table6.listed.map((r) => r.depth)).toEqual([20, 56]);
  });
});

describe('the chart at the resolution of the screen', () => {
  it('draws a 64k-iteration curve with about one point per pixel, its last point included', () => {
    const run = testRun('r20', { model: { depth: 20, blockType: 'residual' }, preset: 'paper', trainEvery: 4 });
    expect(run.train.length).toBe(16_000);
    const model = chartModel([run], view(), null, 600);
    const drawn = model.rows.filter((row) => row[trainKey('r20')] !== undefined);
    expect(drawn.length).toBeLessThanOrEqual(602);
    expect(drawn[drawn.length - 1].x).toBe(64_000);
    // Zoomed into the last 1% the curve is drawn at full detail there.
    const zoomed = chartModel([run], view(), [63_360, 64_000], 600);
    expect(zoomed.rows.filter((row) => row.x >= 63_360 && row[trainKey('r20')] !== undefined)).toHaveLength(161);
  });
});

describe('the loss chart and the zoom', () => {
  it('shows the losses on the same curves, without the error-only overlay and Table 6', () => {
    const model = chartModel([resnet8], view({ metric: 'loss', referenceId: 'pytorch-15' }), null);
    expect(model.reference).toBeUndefined();
    expect(model.rows.find((row) => row.x === resnet8.train[0].iteration)![trainKey('resnet-8')]).toBe(resnet8.train[0].trainLoss);
    expect(model.rows.find((row) => row.x === resnet8.test[0].iteration)![testKey('resnet-8')]).toBe(resnet8.test[0].testLoss);
    expect(model.yAxis.label).toBe('loss (cross-entropy)');
    expect(model.table6Key).toBeNull();
  });

  it('zooms into a range, re-spreading the markers and fitting the y axis to what is in view', () => {
    const run = testRun('r20', { model: { depth: 20, blockType: 'residual' }, preset: 'short', trainEvery: 10 });
    const whole = chartModel([run], view(), null);
    const zoomed = chartModel([run], view(), [4_000, 5_850]);
    expect(zoomed.zoomed).toBe(true);
    expect(zoomed.range).toEqual([4_000, 5_850]);
    expect(zoomed.xFormat.ticks).toBeUndefined();
    for (const x of zoomed.markers.get(trainKey('r20'))!) expect(x).toBeGreaterThanOrEqual(4_000);
    expect(zoomed.yAxis.domain[1]).toBeLessThan(whole.yAxis.domain[1]);
  });
});
