// The reducer's speedMeasured case (the rest of the reducer is tested in reducer.test.ts).
import { describe, expect, it } from 'vitest';
import { INITIAL_STATE } from './appState';
import { reduce } from './reducer';

describe('measured speeds in the store', () => {
  it('keeps each successful measurement by its key, the newest replacing an older one', () => {
    const measured = (key: string, msPerStep: number, measuredAt: number) =>
      ({ type: 'speedMeasured', requestId: 'q', key, backend: 'webgpu', msPerStep, msPerEvalImage: 0.5, evaluationEstimated: false, measuredAt }) as const;
    expect(INITIAL_STATE.speeds).toEqual({});
    let state = reduce(INITIAL_STATE, measured('a', 100, 1));
    state = reduce(state, measured('b', 300, 2));
    state = reduce(state, measured('a', 90, 3));
    expect(state.speeds).toEqual({
      a: { msPerStep: 90, msPerEvalImage: 0.5, evaluationEstimated: false, measuredAt: 3, measuredThisPage: true },
      b: { msPerStep: 300, msPerEvalImage: 0.5, evaluationEstimated: false, measuredAt: 2, measuredThisPage: true },
    });
  });

  it('keeps nothing for a refused or failed measurement', () => {
    const state = reduce(INITIAL_STATE, { type: 'speedMeasured', requestId: 'q', error: 'Speed is measured while idle.' });
    expect(state).toBe(INITIAL_STATE);
  });
});
