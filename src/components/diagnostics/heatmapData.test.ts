import { describe, expect, it } from 'vitest';
import type { RunDiagnostics } from '../../diagnostics/diagnostics';
import { geometricMean, heatmapGrid, pickColumns, STAGE_GROUPS, stageBands, stageLines } from './heatmapData';
import { fakeDiagnostics } from './testing/fakeDiagnostics';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('column downsampling', () => {
  it('keeps every sample when they fit', () => {
    expect(pickColumns(5, 300)).toEqual([0, 1, 2, 3, 4]);
    expect(pickColumns(0, 300)).toEqual([]);
  });

  it('picks at most max distinct, ascending samples, always the first and the last', () => {
    for (const [count, max] of [
      [301, 300],
      [1000, 300],
      [12345, 300],
      [7, 2],
      [7, 3],
    ]) {
      const picked = pickColumns(count, max);
      expect(picked.length).toBe(max);
      expect(picked[0]).toBe(0);
      expect(picked[picked.length - 1]).toBe(count - 1);
      for (let i = 1; i < picked.length; i++) expect(picked[i]).toBeGreaterThan(picked[i - 1]);
    }
    expect(pickColumns(10, 1)).toEqual([9]);
  });

  it('builds the grid without touching the stored samples', () => {
    const diagnostics = deepFreeze(fakeDiagnostics({ depth: 20, blockType: 'plain', samples: 700 }));
    const before = JSON.stringify(diagnostics.training);
    const grid = heatmapGrid(diagnostics, 300);
    expect(JSON.stringify(diagnostics.training)).toBe(before);
    expect(diagnostics.training.length).toBe(700);
    expect(grid.columns).toBe(300);
    expect(grid.rows).toBe(diagnostics.layout.gradientLayers.length);
    expect(grid.iterationOfColumn[0]).toBe(diagnostics.training[0].iteration);
    expect(grid.iterationOfColumn[299]).toBe(diagnostics.training[699].iteration);
    const c = 17;
    const s = grid.sampleOfColumn[c];
    expect(grid.logs[5 * grid.columns + c]).toBeCloseTo(Math.log10(diagnostics.training[s].gradientNorms[5]), 12);
  });

  it('leaves cells without a value NaN, zeros at -Infinity, and reports the range of real norms', () => {
    const diagnostics: RunDiagnostics = {
      layout: { gradientLayers: [{ name: 'stem/conv', kind: 'conv', stage: 0 }, { name: 'stem/bn', kind: 'bn', stage: 0 }, { name: 'fc', kind: 'fc', stage: 4 }], responseLayers: [] },
      training: [
        { iteration: 10, gradientNorms: [0.5, 0, NaN], responseStds: [] },
        { iteration: 20, gradientNorms: [2e-3], responseStds: [] },
      ],
      evaluations: [],
    };
    const grid = heatmapGrid(diagnostics);
    expect(grid.logs[0]).toBeCloseTo(Math.log10(0.5), 12);
    expect(grid.logs[1 * 2 + 0]).toBe(-Infinity);
    expect(grid.logs[2 * 2 + 0]).toBeNaN();
    expect(grid.logs[2 * 2 + 1]).toBeNaN(); // missing value
    expect(grid.range).toEqual({ min: 2e-3, max: 0.5 });
  });
});

describe('stage bands and stage lines', () => {
  it('labels the stem, the three stages and fc in network order', () => {
    const diagnostics = fakeDiagnostics({ depth: 20, blockType: 'residual' });
    const bands = stageBands(diagnostics.layout.gradientLayers);
    expect(bands.map((b) => b.label)).toEqual(['stem', 'stage 1', 'stage 2', 'stage 3', 'fc']);
    expect(bands[0]).toMatchObject({ firstRow: 0, lastRow: 1 }); // conv + bn
    expect(bands[1]).toMatchObject({ firstRow: 2, lastRow: 13 }); // 3 blocks x (conv, bn, conv, bn)
    expect(bands[4]).toMatchObject({ firstRow: 38, lastRow: 38 });
  });

  it('takes the geometric mean of positive values only', () => {
    expect(geometricMean([1e-3, 1e-1])).toBeCloseTo(1e-2, 12);
    expect(geometricMean([4, 0, NaN, 1])).toBeCloseTo(2, 12);
    expect(geometricMean([0, NaN])).toBeNull();
    expect(geometricMean([])).toBeNull();
  });

  it('draws one value per stage group per sample: the geometric mean of the group’s rows', () => {
    const layers = [
      { name: 'stem/conv', kind: 'conv' as const, stage: 0 },
      { name: 'stem/bn', kind: 'bn' as const, stage: 0 },
      { name: 'stage1/block0/conv1', kind: 'conv' as const, stage: 1 },
      { name: 'stage2/block0/conv1', kind: 'conv' as const, stage: 2 },
      { name: 'stage2/block0/conv2', kind: 'conv' as const, stage: 2 },
      { name: 'stage3/block0/conv1', kind: 'conv' as const, stage: 3 },
      { name: 'fc', kind: 'fc' as const, stage: 4 },
    ];
    const diagnostics: RunDiagnostics = {
      layout: { gradientLayers: layers, responseLayers: [] },
      training: [{ iteration: 100, gradientNorms: [1, 8, 1, 1e-3, 1e-1, 0.5, 2], responseStds: [] }],
      evaluations: [],
    };
    const [point] = stageLines(diagnostics);
    expect(STAGE_GROUPS.map((g) => g.id)).toEqual(['input', 'stage2', 'stage3', 'fc']);
    expect(point.iteration).toBe(100);
    expect(point.values[0]).toBeCloseTo(2, 12); // (1 * 8 * 1)^(1/3)
    expect(point.values[1]).toBeCloseTo(1e-2, 12);
    expect(point.values[2]).toBeCloseTo(0.5, 12);
    expect(point.values[3]).toBeCloseTo(2, 12);
  });

  it('thins the lines like the heatmap’s columns', () => {
    const diagnostics = fakeDiagnostics({ depth: 8, blockType: 'plain', samples: 500 });
    const points = stageLines(diagnostics, 120);
    expect(points.length).toBe(120);
    expect(points[0].iteration).toBe(diagnostics.training[0].iteration);
    expect(points[119].iteration).toBe(diagnostics.training[499].iteration);
  });
});
