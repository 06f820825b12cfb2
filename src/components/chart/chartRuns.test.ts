import { describe, expect, it } from 'vitest';
import type { Run } from '../../state/appState';
import { chartRunsSelector } from './chartRuns';
import { testRun } from './testRuns';

const run = testRun('a', { model: { depth: 8, blockType: 'residual' }, trained: 4 });

describe('the runs the chart re-renders for', () => {
  it('keeps its answer through progress ticks and changes it when a point arrives', () => {
    const select = chartRunsSelector();
    const first = select({ runs: [run] });
    // A tick: a new run object with new live progress, the same curves.
    const ticked: Run = { ...run, live: { iteration: 5 } as Run['live'], phase: undefined };
    expect(select({ runs: [ticked] })).toBe(first);
    const withPoint: Run = { ...ticked, train: [...run.train, { ...run.train[0], iteration: 5 }] };
    const second = select({ runs: [withPoint] });
    expect(second).not.toBe(first);
    expect(second[0].train).toHaveLength(run.train.length + 1);
  });

  it('keeps the last answer while frozen (out of view) and only curves grew, and catches up after', () => {
    const select = chartRunsSelector();
    const first = select({ runs: [run] });
    const withPoint: Run = { ...run, train: [...run.train, { ...run.train[0], iteration: 5 }] };
    expect(select({ runs: [withPoint] }, true)).toBe(first);
    expect(select({ runs: [withPoint] }, false)[0]).toBe(withPoint);
  });

  it('answers at once, even frozen, when runs come or go or change state (an import, a hidden run, an end)', () => {
    const select = chartRunsSelector();
    select({ runs: [run] });
    const other = testRun('b', { model: { depth: 8, blockType: 'plain' } });
    expect(select({ runs: [run, other] }, true)).toHaveLength(2);
    const hidden: Run = { ...other, hidden: true };
    expect(select({ runs: [run, hidden] }, true)[1]).toBe(hidden);
  });
});
