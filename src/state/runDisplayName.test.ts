import { describe, expect, it } from 'vitest';
import { pytorchRun, TEST_ELSEWHERE, twoRuns } from '../export/testRuns';
import { runName, type Run } from './appState';
import { BROWSER_SOURCE, displayedRunName, frameworkName, runSource } from './runDisplayName';

describe('the displayed name of a run', () => {
  it('is the label or the network for a browser run, as runName, imported or not', () => {
    const [labelled, plain] = twoRuns();
    expect(displayedRunName(labelled)).toBe('plain-56, "deep" <try>\nsecond line');
    expect(displayedRunName(plain)).toBe('ResNet-20 (option A)');
    const imported: Run = { ...plain, importedFrom: 'runs.json' };
    expect(displayedRunName(imported)).toBe('ResNet-20 (option A)');
    expect(runSource(plain)).toBe(BROWSER_SOURCE);
  });

  it('adds the framework, without its version, for a run trained outside a browser', () => {
    const run = pytorchRun();
    expect(displayedRunName(run)).toBe('ResNet-56 (option A) · PyTorch');
    expect(displayedRunName({ ...run, label: 'big GPU' })).toBe('big GPU · PyTorch');
    // runName keeps meaning the user's name: a rename edits it, not the framework.
    expect(runName(run)).toBe('ResNet-56 (option A)');
    expect(runSource(run)).toBe('PyTorch');
  });

  it('takes the version off the framework, whatever its form, and keeps a framework written without one', () => {
    const name = (framework: string) => frameworkName({ ...TEST_ELSEWHERE, framework });
    expect(name('PyTorch 2.4.1')).toBe('PyTorch');
    expect(name('PyTorch 2.5.0+cu121')).toBe('PyTorch');
    expect(name('PyTorch v2.4')).toBe('PyTorch');
    expect(name('Apple MLX 0.21')).toBe('Apple MLX');
    expect(name('PyTorch')).toBe('PyTorch');
    expect(name(' JAX ')).toBe('JAX');
    expect(name('2.4.1')).toBe('2.4.1');
  });
});
