import { describe, expect, it } from 'vitest';
import { PRESETS, type ModelConfig } from '../config';
import { TEST_ELSEWHERE } from '../export/testRuns';
import type { Run } from '../state/appState';
import { referenceSetById } from '../reference/referenceCurves';
import { curveStyle, legendEntries, markerPath, PLAIN_TRAIN_DASH, referenceStyles, RESIDUAL_TRAIN_DASH, runStyles, SERIES_COLOURS, seriesColour, starPath } from './runStyle';

const luminance = (hex: string) => {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
};
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

const model = (depth: number, blockType: ModelConfig['blockType'], shortcut: ModelConfig['shortcut'] = 'A'): ModelConfig => ({
  depth,
  blockType,
  shortcut,
  block: 'basic',
  width: 16,
});

const point = { iteration: 10, epoch: 1, trainError: 50, trainLoss: 1, learningRate: 0.1 };
const makeRun = (id: string, m: ModelConfig, extra: Partial<Run> = {}): Run => ({
  id,
  config: { ...PRESETS[0].config, model: m },
  state: 'running',
  createdAt: 0,
  train: [point],
  test: [],
  ...extra,
});

describe('run style', () => {
  it('gives every run its own colour, two runs of one depth included (issue 20, finding 8)', () => {
    const runs = [makeRun('a', model(8, 'plain')), makeRun('b', model(8, 'residual')), makeRun('c', model(56, 'plain')), makeRun('d', model(56, 'residual'))];
    const colours = runStyles(runs).map((style) => style.colour);
    expect(new Set(colours).size).toBe(4);
    expect(colours).toEqual(SERIES_COLOURS.slice(0, 4));
  });

  it('keeps a run’s colour when another is hidden, and colours the reference overlay after the runs', () => {
    const runs = [makeRun('a', model(20, 'plain')), makeRun('b', model(20, 'residual'))];
    const hidden = [{ ...runs[0], hidden: true }, runs[1]];
    expect(runStyles(hidden)[1].colour).toBe(runStyles(runs)[1].colour);
    const reference = referenceSetById('pytorch-15');
    const overlay = referenceStyles(reference, runs.length);
    expect(overlay.map((style) => style.name)).toEqual(['plain-20 (PyTorch ref.)', 'plain-56 (PyTorch ref.)', 'ResNet-20 (PyTorch ref.)', 'ResNet-56 (PyTorch ref.)']);
    expect(overlay.map((style) => style.colour)).toEqual(SERIES_COLOURS.slice(2, 6));
    expect(seriesColour(SERIES_COLOURS.length)).toBe(SERIES_COLOURS[0]);
  });

  it('draws every series colour with 3:1 contrast on the light and the dark surface', () => {
    // White, and the dark theme's surface #1a1f27 (src/styles.css); 3:1 is WCAG's contrast for graphics.
    for (const colour of SERIES_COLOURS) {
      expect(contrast(luminance(colour), 1)).toBeGreaterThanOrEqual(3);
      expect(contrast(luminance(colour), luminance('#1a1f27'))).toBeGreaterThanOrEqual(3);
    }
  });

  it('tells plain from residual by marker and line weight, not colour alone; dashed/solid stays for both', () => {
    const plain = curveStyle(model(20, 'plain'), 'red');
    const residualA = curveStyle(model(20, 'residual', 'A'), 'red');
    const residualB = curveStyle(model(20, 'residual', 'B'), 'red');
    expect([plain.marker, residualA.marker, residualB.marker]).toEqual(['square', 'circle', 'triangle']);
    expect(plain.filled).toBe(false);
    expect(residualA.filled && residualB.filled).toBe(true);
    expect(plain.testWidth).toBeLessThan(residualA.testWidth);
    expect(plain.trainWidth).toBeLessThan(residualA.trainWidth);
  });

  it('gives each block type its own training dash, so plain-8 and ResNet-8 differ in the line itself', () => {
    const plain = curveStyle(model(8, 'plain'), 'red');
    const residual = curveStyle(model(8, 'residual'), 'red');
    expect(plain.trainDash).not.toBe(residual.trainDash);
    expect(curveStyle(model(56, 'plain'), 'blue').trainDash).toBe(plain.trainDash);
    expect(curveStyle(model(20, 'residual', 'B'), 'blue').trainDash).toBe(residual.trainDash);
  });

  it('lists runs with points, hidden ones marked, names unique and imported runs named so', () => {
    const runs = [
      makeRun('a', model(56, 'plain')),
      makeRun('b', model(56, 'residual'), { hidden: true }),
      makeRun('q', model(20, 'residual'), { state: 'queued', train: [] }),
      makeRun('c', model(56, 'plain')),
      makeRun('d', model(20, 'residual'), { importedFrom: 'runs.json', label: 'ResNet-20' }),
    ];
    expect(legendEntries(runs)).toEqual([
      { runId: 'a', name: 'plain-56', colour: SERIES_COLOURS[0], marker: 'square', filled: false, trainDash: PLAIN_TRAIN_DASH, hidden: false },
      { runId: 'b', name: 'ResNet-56 (option A)', colour: SERIES_COLOURS[1], marker: 'circle', filled: true, trainDash: RESIDUAL_TRAIN_DASH, hidden: true },
      { runId: 'c', name: 'plain-56 #2', colour: SERIES_COLOURS[2], marker: 'square', filled: false, trainDash: PLAIN_TRAIN_DASH, hidden: false },
      { runId: 'd', name: 'ResNet-20 (imported)', colour: SERIES_COLOURS[3], marker: 'circle', filled: true, trainDash: RESIDUAL_TRAIN_DASH, hidden: false },
    ]);
    expect(runStyles(runs).map((s) => s.runId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('names a run trained with PyTorch by its framework, told apart from the browser run of the same network', () => {
    const pytorch = { importedFrom: 'pytorch.json', elsewhere: TEST_ELSEWHERE };
    const runs = [
      makeRun('browser', model(56, 'residual')),
      makeRun('torch', model(56, 'residual'), pytorch),
      makeRun('torch-2', model(56, 'residual'), pytorch),
      makeRun('labelled', model(20, 'plain'), { ...pytorch, label: 'H200 baseline' }),
    ];
    // "(imported)" would add nothing: a run trained elsewhere always comes from a file, and its name says so.
    expect(legendEntries(runs).map((entry) => entry.name)).toEqual(['ResNet-56 (option A)', 'ResNet-56 (option A) · PyTorch', 'ResNet-56 (option A) · PyTorch #2', 'H200 baseline · PyTorch']);
    // Same network, same marker and dash; its own colour, as every run has.
    expect(runStyles(runs)[1].colour).not.toBe(runStyles(runs)[0].colour);
    expect(runStyles(runs)[1].marker).toBe(runStyles(runs)[0].marker);
  });

  it('draws closed marker and star paths centred on the origin', () => {
    expect(markerPath('square', 4)).toBe('M-3.6,-3.6H3.6V3.6H-3.6Z');
    expect(markerPath('circle', 3)).toMatch(/^M-3,0A3,3 .*Z$/);
    expect(markerPath('triangle', 4)).toMatch(/^M0,-5\.2L.*Z$/);
    expect(starPath(10).match(/[ML]/g)).toHaveLength(10);
    expect(starPath(10).startsWith('M0,-10L')).toBe(true);
  });
});
