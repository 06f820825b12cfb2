import { describe, expect, it } from 'vitest';
import { PRESETS, type ModelConfig } from '../config';
import { TEST_ELSEWHERE } from '../export/testRuns';
import type { Run } from '../state/appState';
import { curveStyle, DEPTH_COLOURS, depthColour, legendEntries, markerPath, PLAIN_TRAIN_DASH, RESIDUAL_TRAIN_DASH, runStyles, starPath } from './runStyle';

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
  it('gives one colour per depth: plain-56 and ResNet-56 share it', () => {
    expect(curveStyle(model(56, 'plain')).colour).toBe(curveStyle(model(56, 'residual')).colour);
    expect(curveStyle(model(56, 'residual', 'B')).colour).toBe(depthColour(56));
  });

  it("gives the paper's depths distinct fixed colours, and other depths fixed colours of their own", () => {
    const paper = [20, 32, 44, 56, 110, 1202].map(depthColour);
    expect(new Set(paper).size).toBe(6);
    expect(paper).toEqual(Object.values(DEPTH_COLOURS));
    expect(depthColour(8)).toBe(depthColour(8));
    expect(paper).not.toContain(depthColour(8));
    expect(depthColour(8)).not.toBe(depthColour(14));
  });

  it('tells plain from residual by marker and line weight, not colour alone; dashed/solid stays for both', () => {
    const plain = curveStyle(model(20, 'plain'));
    const residualA = curveStyle(model(20, 'residual', 'A'));
    const residualB = curveStyle(model(20, 'residual', 'B'));
    expect([plain.marker, residualA.marker, residualB.marker]).toEqual(['square', 'circle', 'triangle']);
    expect(plain.filled).toBe(false);
    expect(residualA.filled && residualB.filled).toBe(true);
    expect(plain.testWidth).toBeLessThan(residualA.testWidth);
    expect(plain.trainWidth).toBeLessThan(residualA.trainWidth);
  });

  it('gives each block type its own training dash, so plain-8 and ResNet-8 differ in the line itself', () => {
    const plain = curveStyle(model(8, 'plain'));
    const residual = curveStyle(model(8, 'residual'));
    expect(plain.colour).toBe(residual.colour);
    expect(plain.trainDash).not.toBe(residual.trainDash);
    expect(curveStyle(model(56, 'plain')).trainDash).toBe(plain.trainDash);
    expect(curveStyle(model(20, 'residual', 'B')).trainDash).toBe(residual.trainDash);
  });

  it('draws depths outside the paper in colours of middle lightness, visible on light and dark surfaces', () => {
    const luminance = (hex: string) => {
      const channel = (i: number) => {
        const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
    };
    const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    // White, and the dark theme's surface #1a1f27 (src/styles.css); 3:1 is WCAG's contrast for graphics.
    for (const depth of [8, 9, 10, 11, 12, 13, 14]) {
      const l = luminance(depthColour(depth));
      expect(contrast(l, 1)).toBeGreaterThanOrEqual(3);
      expect(contrast(l, luminance('#1a1f27'))).toBeGreaterThanOrEqual(3);
    }
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
      { runId: 'a', name: 'plain-56', colour: depthColour(56), marker: 'square', filled: false, trainDash: PLAIN_TRAIN_DASH, hidden: false },
      { runId: 'b', name: 'ResNet-56 (option A)', colour: depthColour(56), marker: 'circle', filled: true, trainDash: RESIDUAL_TRAIN_DASH, hidden: true },
      { runId: 'c', name: 'plain-56 #2', colour: depthColour(56), marker: 'square', filled: false, trainDash: PLAIN_TRAIN_DASH, hidden: false },
      { runId: 'd', name: 'ResNet-20 (imported)', colour: depthColour(20), marker: 'circle', filled: true, trainDash: RESIDUAL_TRAIN_DASH, hidden: false },
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
    // Same network, same look: only the name tells the two apart, as for two browser runs.
    expect(runStyles(runs)[1].colour).toBe(runStyles(runs)[0].colour);
  });

  it('draws closed marker and star paths centred on the origin', () => {
    expect(markerPath('square', 4)).toBe('M-3.6,-3.6H3.6V3.6H-3.6Z');
    expect(markerPath('circle', 3)).toMatch(/^M-3,0A3,3 .*Z$/);
    expect(markerPath('triangle', 4)).toMatch(/^M0,-5\.2L.*Z$/);
    expect(starPath(10).match(/[ML]/g)).toHaveLength(10);
    expect(starPath(10).startsWith('M0,-10L')).toBe(true);
  });
});
