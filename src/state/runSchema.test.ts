import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import { testDiagnostics } from '../export/testRuns';
import type { Run, RunElsewhere } from './appState';
import { runProblem, withoutDamagedParts } from './runSchema';

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
    const kept = withoutDamagedParts(damaged);
    expect(kept).toEqual({ run, dropped: ['diagnostics'] });
    expect(kept?.run).not.toHaveProperty('diagnostics');
    expect(runProblem(kept?.run)).toBeNull();
    expect(withoutDamagedParts({ ...damaged, state: 'exploded' })).toBeNull();
    expect(withoutDamagedParts(run)).toBeNull();
    expect(withoutDamagedParts(withDiagnostics)).toBeNull();
    expect(withoutDamagedParts('run')).toBeNull();
  });
});

describe('where a run trained outside this browser: part of the check, but a damaged record costs only itself', () => {
  const elsewhere: RunElsewhere = { framework: 'PyTorch 2.4.1', device: '8x NVIDIA H200 via torchrun', processes: 8, precision: 'fp32', wallSeconds: 1234.5, script: 'residual_playground.py' };
  const pytorchRun: Run = { ...run, importedFrom: 'pytorch.json', elsewhere };

  it('accepts a run with a sound record, or none', () => {
    expect(runProblem(pytorchRun)).toBeNull();
    expect(runProblem({ ...pytorchRun, elsewhere: { ...elsewhere, processes: 1, wallSeconds: 0, precision: 'bf16', device: 'x'.repeat(200) } })).toBeNull();
    expect(runProblem({ ...pytorchRun, elsewhere: { ...elsewhere, processes: 1_000_000, wallSeconds: 1e9 } })).toBeNull();
  });

  it('names each kind of damage', () => {
    const cases: [unknown, RegExp][] = [
      [null, /it is not a set of fields/],
      ['PyTorch', /it is not a set of fields/],
      [[elsewhere], /it is not a set of fields/],
      [{ ...elsewhere, framework: '' }, /its framework is not a text of 1 to 200 characters/],
      [{ ...elsewhere, framework: '   ' }, /its framework is not a text/],
      [{ ...elsewhere, device: 'x'.repeat(201) }, /its device is not a text of 1 to 200/],
      [{ ...elsewhere, precision: 32 }, /its precision is not a text/],
      [{ ...elsewhere, script: undefined }, /its script is not a text/],
      [{ ...elsewhere, processes: 0 }, /its processes is not a whole number from 1 to 1,000,000/],
      [{ ...elsewhere, processes: 2.5 }, /its processes/],
      [{ ...elsewhere, processes: 1_000_001 }, /its processes/],
      [{ ...elsewhere, processes: '8' }, /its processes/],
      [{ ...elsewhere, wallSeconds: -1 }, /its wallSeconds is not a number of seconds from 0 to 1,000,000,000/],
      [{ ...elsewhere, wallSeconds: NaN }, /its wallSeconds/],
      [{ ...elsewhere, wallSeconds: Infinity }, /its wallSeconds/],
      [{ ...elsewhere, wallSeconds: 1e9 + 1 }, /its wallSeconds/],
    ];
    for (const [value, reason] of cases) {
      const problem = runProblem({ ...pytorchRun, elsewhere: value });
      expect(problem, JSON.stringify(value)).toMatch(/^its record of where it trained was damaged: /);
      expect(problem, JSON.stringify(value)).toMatch(reason);
    }
  });

  it('gives the run without a damaged record, keeping sound diagnostics; both go when both are damaged', () => {
    const broken = { ...pytorchRun, elsewhere: { ...elsewhere, processes: 0 } };
    const { elsewhere: _sound, ...withoutRecord } = pytorchRun;
    expect(withoutDamagedParts(broken)).toEqual({ run: withoutRecord, dropped: ['elsewhere'] });
    const withDiagnostics = { ...broken, diagnostics: testDiagnostics() };
    expect(withoutDamagedParts(withDiagnostics)).toEqual({ run: { ...withoutRecord, diagnostics: testDiagnostics() }, dropped: ['elsewhere'] });
    const bothDamaged = { ...broken, diagnostics: 'junk' };
    expect(withoutDamagedParts(bothDamaged)).toEqual({ run: withoutRecord, dropped: ['diagnostics', 'elsewhere'] });
    // Damage elsewhere in the run is not repaired by dropping the record.
    expect(withoutDamagedParts({ ...broken, train: 'junk' })).toBeNull();
    expect(withoutDamagedParts(pytorchRun)).toBeNull();
  });
});

