import { describe, expect, it } from 'vitest';
import { MAX_AGE_MS, rememberedSpeeds, startSpeedMemory, withSpeeds } from './speedMemory';
import { Store } from './store';

const speed = (msPerStep: number, measuredAt = 1_000) => ({ msPerStep, msPerEvalImage: 0.1, evaluationEstimated: false, measuredAt });

describe('speeds remembered across reloads', () => {
  it('keeps them per adapter, recent and well-formed only; junk in storage is ignored', () => {
    const raw = withSpeeds(null, 'webgpu|RTX', { a: speed(20) });
    expect(rememberedSpeeds(raw, 'webgpu|RTX', 2_000)).toEqual({ a: speed(20) });
    expect(rememberedSpeeds(raw, 'webgpu|other GPU', 2_000)).toEqual({});
    expect(rememberedSpeeds(raw, 'webgpu|RTX', 1_000 + MAX_AGE_MS)).toEqual({});
    expect(rememberedSpeeds('{"webgpu|RTX":{"a":{"msPerStep":"fast"},"b":null}}', 'webgpu|RTX', 0)).toEqual({});
    expect(rememberedSpeeds('not json', 'webgpu|RTX', 0)).toEqual({});
    expect(JSON.parse(withSpeeds('[1]', 'x', { a: speed(5) }))).toEqual({ x: { a: speed(5) } });
  });

  it('restores them into the store once the backend is known, and writes new measurements back', () => {
    const items = new Map<string, string>([['residual-playground.speeds.v1', withSpeeds(null, 'webgpu|RTX', { old: speed(20) })]]);
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    const store = new Store();
    startSpeedMemory(store, storage, () => 2_000);
    store.dispatch({ type: 'backend', backend: 'webgpu', detail: 'RTX', fallbackReasons: [] });
    expect(store.getState().speeds.old).toMatchObject({ msPerStep: 20 });
    store.dispatch({ type: 'speedMeasured', requestId: 'r', key: 'new', backend: 'webgpu', ...speed(7) });
    expect(rememberedSpeeds(items.get('residual-playground.speeds.v1')!, 'webgpu|RTX', 2_000)).toEqual({ old: speed(20), new: speed(7) });
  });

  it('keeps a measurement stored before the run\'s other parts were timed; a restored one is not this page\'s', () => {
    const parts = { msBuild: 20, msCompile: 3_000, msEvaluationCompile: 700, msPerSample: 15, msPerCheckpoint: 10 };
    const raw = withSpeeds(null, 'webgpu|RTX', { old: speed(20), full: { ...speed(30), ...parts, measuredThisPage: true }, damaged: { ...speed(40), msCompile: -1, msBuild: Number.NaN } });
    const remembered = rememberedSpeeds(raw, 'webgpu|RTX', 2_000);
    expect(remembered.old).toEqual(speed(20));
    // "Measured in this page" is never believed from storage: another page compiled those shaders.
    expect(remembered.full).toEqual({ ...speed(30), ...parts });
    expect(remembered.damaged).toEqual(speed(40));

    const items = new Map<string, string>([['residual-playground.speeds.v1', raw]]);
    const store = new Store();
    startSpeedMemory(store, { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) }, () => 2_000);
    store.dispatch({ type: 'backend', backend: 'webgpu', detail: 'RTX', fallbackReasons: [] });
    expect(store.getState().speeds.full).toMatchObject({ ...parts, measuredThisPage: false });
    store.dispatch({ type: 'speedMeasured', requestId: 'r', key: 'new', backend: 'webgpu', ...speed(7), ...parts });
    expect(store.getState().speeds.new).toMatchObject({ ...parts, measuredThisPage: true });
  });
});
