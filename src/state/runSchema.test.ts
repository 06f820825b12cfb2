import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import { testDiagnostics } from '../export/testRuns';
import type { Run } from './appState';
import { runProblem, withoutDamagedDiagnostics } from './runSchema';

const run: Run = {
  id: 'r1',
  config: PRESETS[0].config,
  state: 'finished',
  createdAt: 1,
  train: [{ iteration: 10, epoch: 0.5, trainError: 80, trainLoss: 2.1, learningRate: 0.1 }],
  test: [{ iteration: 20, epoch: 1, testError: 72, testLoss: 1.9 }],
};

describe('runProblem: the one check a run passes to enter the app (import and stored records)', () => {
  it('accepts a run the app made', () => {
    expect(runProblem(run)).toBeNull();
    expect(runProblem({ ...run, label: 'mine', hidden: true, backend: { name: 'webgpu', detail: 'x' }, lrDropIterations: [100] })).toBeNull();
  });

  it('names what is wrong with each kind of damage', () => {
    const cases: [unknown, RegExp][] = [
      [null, /not a run/],
      [{ ...run, id: '' }, /no id/],
      [{ ...run, state: 'exploded' }, /state is not one of/],
      [{ ...run, config: { ...run.config, learningRate: Infinity } }, /not a finite number/],
      [{ ...run, config: { ...run.config, model: { depth: 20 } } }, /depth or width|not described/],
      [{ ...run, train: 'soon' }, /not lists/],
      [{ ...run, label: 'x'.repeat(201) }, /label is not a text of at most 200/],
      [{ ...run, message: 7 }, /message/],
      [{ ...run, hidden: 'yes' }, /visibility/],
      [{ ...run, totalIterations: NaN }, /totalIterations/],
      [{ ...run, lrDropIterations: [1e12] }, /learning-rate drops/],
      [{ ...run, backend: { name: 'tpu', detail: '' } }, /backend/],
      [{ ...run, test: [{ iteration: 1, epoch: 1, testError: NaN, testLoss: 1 }] }, /test point 1 has an error outside/],
    ];
    for (const [value, reason] of cases) expect(runProblem(value), JSON.stringify(value).slice(0, 80)).toMatch(reason);
  });
});

describe('a run\'s diagnostics: part of the check, but damaged ones cost only themselves', () => {
  const withDiagnostics: Run = { ...run, diagnostics: testDiagnostics() };
  const damaged = { ...run, diagnostics: { ...testDiagnostics(), training: [{ iteration: 10, gradientNorms: [NaN], responseStds: [] }] } };

  it('accepts a run with sound diagnostics, and names damaged ones', () => {
    expect(runProblem(withDiagnostics)).toBeNull();
    expect(runProblem(damaged)).toBe('its diagnostics were damaged: training sample 1 does not have 5 gradient norms (one per layer)');
    expect(runProblem({ ...run, diagnostics: null })).toMatch(/^its diagnostics were damaged: they are not a set of layers and samples$/);
  });

  it('gives the run without its damaged diagnostics, and nothing for a run with other damage or none to drop', () => {
    const kept = withoutDamagedDiagnostics(damaged);
    expect(kept).toEqual(run);
    expect(kept).not.toHaveProperty('diagnostics');
    expect(runProblem(kept)).toBeNull();
    expect(withoutDamagedDiagnostics({ ...damaged, state: 'exploded' })).toBeNull();
    expect(withoutDamagedDiagnostics(run)).toBeNull();
    expect(withoutDamagedDiagnostics('run')).toBeNull();
  });
});

