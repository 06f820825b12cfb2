import { describe, expect, it } from 'vitest';
import { keptChoices, startKernelMemory, withChoices } from './kernelMemory';
import { Store } from './store';

const ADAPTER = 'nvidia ada lovelace NVIDIA GeForce RTX 4070';

describe('kernel choices kept per GPU', () => {
  it('round-trips one adapter\'s choices and merges new ones into them', () => {
    const first = withChoices(null, ADAPTER, { 'convForward|a': 'workgroup-tile' });
    const second = withChoices(first, ADAPTER, { 'batchNormForward|b': 'split-reduction' });
    expect(keptChoices(second, ADAPTER)).toEqual({ 'convForward|a': 'workgroup-tile', 'batchNormForward|b': 'split-reduction' });
    expect(keptChoices(second, 'another GPU')).toEqual({});
  });

  it('ignores junk in storage: not JSON, arrays, non-string names, names that are not implementation names', () => {
    for (const raw of ['{', '[]', 'null', '42', JSON.stringify({ [ADAPTER]: [1, 2] }), JSON.stringify({ [ADAPTER]: 'x' })]) {
      expect(keptChoices(raw, ADAPTER)).toEqual({});
    }
    const hostile = JSON.stringify({ [ADAPTER]: { ok: 'register-tile', bad: '<img src=x onerror=alert(1)>', n: 5, o: { a: 1 } } });
    expect(keptChoices(hostile, ADAPTER)).toEqual({ ok: 'register-tile' });
    expect(keptChoices(withChoices('{', ADAPTER, { k: 'split-reduction' }), ADAPTER)).toEqual({ k: 'split-reduction' });
  });

  it('sends the kept choices to the worker once its WebGPU backend is known, and keeps what a run timed', () => {
    const storage = new Map<string, string>();
    const local = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
    local.setItem('residual-playground.kernel-choices.v1', withChoices(null, ADAPTER, { 'convForward|a': 'workgroup-tile' }));
    const store = new Store();
    const sent: Record<string, string>[] = [];
    startKernelMemory(store, { useKernelChoices: (choices) => sent.push(choices) }, local);
    store.dispatch({ type: 'backend', backend: 'webgpu', detail: `${ADAPTER} · fused WGSL kernels · kernels timed on this GPU`, fallbackReasons: [] });
    expect(sent).toEqual([{ 'convForward|a': 'workgroup-tile' }]);
    store.dispatch({
      type: 'kernelsTimed',
      adapter: ADAPTER,
      choices: { 'convForward|a': 'workgroup-tile', 'convFilterGradient|c': 'register-tile' },
      result: { timing: 'timestamp-query', budgetMs: 5000, spentMs: 900, timings: [], choices: { 'convFilterGradient|c': 'register-tile' } },
    });
    expect(keptChoices(local.getItem('residual-playground.kernel-choices.v1'), ADAPTER)).toEqual({
      'convForward|a': 'workgroup-tile',
      'convFilterGradient|c': 'register-tile',
    });
  });
});
