import { describe, expect, it } from 'vitest';
import type { Run } from '../../state/appState';
import { emptyChartText } from './emptyChartText';
import { testRun } from './testRuns';

const fresh = (change: Partial<Run>): Run => ({ ...testRun('a', { model: { depth: 8, blockType: 'residual', width: 4 } }), train: [], test: [], ...change });

describe('the empty chart', () => {
  it('asks for Train only when nothing is on its way', () => {
    expect(emptyChartText([])).toMatch(/^Press Train/);
  });

  it('says what is happening while a run is queued, built or in its first step, never "Press Train" (issue 20, finding 5)', () => {
    const texts = [
      emptyChartText([fresh({ state: 'queued' })]),
      emptyChartText([fresh({ state: 'starting' })]),
      emptyChartText([fresh({ state: 'running', phase: 'building' })]),
      emptyChartText([fresh({ state: 'running', phase: 'firstStep' })]),
      emptyChartText([fresh({ state: 'running' })]),
      emptyChartText([fresh({ state: 'paused' })]),
    ];
    for (const text of texts) {
      expect(text).not.toMatch(/Press/);
      expect(text).toContain('ResNet-8');
    }
    expect(texts[0]).toMatch(/queued/);
    expect(texts[1]).toMatch(/^Building ResNet-8/);
    expect(texts[3]).toMatch(/first step is under way/);
    expect(texts[4]).toMatch(/^Training ResNet-8 .*: the training curve \(dashed\) appears after its first few steps/);
  });

  it('says every run is hidden when they all are', () => {
    const hidden = { ...testRun('b', { model: { depth: 8, blockType: 'plain' } }), hidden: true };
    expect(emptyChartText([hidden])).toMatch(/Every run is hidden/);
  });
});
