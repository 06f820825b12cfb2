import { describe, expect, it } from 'vitest';
import type { Run } from '../../state/appState';
import { shownDiagnosticsRuns, shownDiagnosticsSelector } from './shownRuns';
import { fakeRun } from './testing/fakeDiagnostics';

describe('the runs the diagnostics show', () => {
  const runs: Run[] = [
    fakeRun('r56', { depth: 56, blockType: 'residual' }, { samples: 5 }),
    fakeRun('p20', { depth: 20, blockType: 'plain' }, { samples: 5 }),
    fakeRun('p56', { depth: 56, blockType: 'plain' }, { samples: 5 }),
    fakeRun('r20', { depth: 20, blockType: 'residual' }, { samples: 5 }),
  ];

  it('are the chart’s visible runs with diagnostics, plain and residual of a depth side by side', () => {
    expect(shownDiagnosticsRuns(runs).map((r) => r.name)).toEqual(['plain-20', 'ResNet-20 (option A)', 'plain-56', 'ResNet-56 (option A)']);
    const hidden = runs.map((run) => (run.id === 'p20' ? { ...run, hidden: true } : run));
    const without = runs.map((run) => (run.id === 'r56' ? { ...run, diagnostics: undefined } : run));
    expect(shownDiagnosticsRuns(hidden).map((r) => r.runId)).toEqual(['r20', 'p56', 'r56']);
    expect(shownDiagnosticsRuns(without).map((r) => r.runId)).toEqual(['p20', 'r20', 'p56']);
  });

  it('leaves out runs whose diagnostics have no sample yet', () => {
    const empty = runs.map((run) => (run.id === 'p56' ? { ...run, diagnostics: { ...run.diagnostics!, training: [], evaluations: [] } } : run));
    expect(shownDiagnosticsRuns(empty).map((r) => r.runId)).not.toContain('p56');
  });

  it('keeps its answer’s identity while only progress changes (a trainTick), a new one when diagnostics change', () => {
    const select = shownDiagnosticsSelector();
    const first = select({ runs });
    const ticked = runs.map((run) => ({ ...run, live: { iteration: 5 } as Run['live'] }));
    expect(select({ runs: ticked })).toBe(first);
    const sampled = ticked.map((run) => (run.id === 'r20' ? { ...run, diagnostics: { ...run.diagnostics! } } : run));
    const next = select({ runs: sampled });
    expect(next).not.toBe(first);
    expect(next.find((r) => r.runId === 'r20')!.diagnostics).toBe(sampled[3].diagnostics);
  });
});
