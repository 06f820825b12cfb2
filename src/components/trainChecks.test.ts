// The question before a long run is asked from the state at the press of Train: only with the data and the
// backend known and a speed measured here, and only past the hour (issue 20, finding 5).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import { speedKey } from '../engine/speedKey';
import { INITIAL_STATE, type AppState } from '../state/appState';
import { LONG_RUN_SECONDS } from './longRunWarning';
import { longRun } from './trainChecks';

const plain20: TrainConfig = { ...DEFAULT_CONFIG, model: { ...DEFAULT_CONFIG.model, blockType: 'plain' } };

function stateAt(msPerStep: number, ready = true): AppState {
  return {
    ...INITIAL_STATE,
    backend: { name: 'webgpu', detail: 'google swiftshader', fallbackReasons: [] },
    data: ready ? { state: 'ready', source: 'served', trainImages: 50_000, testImages: 10_000 } : { state: 'unknown' },
    speeds: { [speedKey(plain20, 'webgpu')]: { msPerStep, msPerEvalImage: msPerStep / 400, measuredAt: 0 } },
  };
}

describe('the long-run check at the press of Train', () => {
  it('asks for the defaults at 40 s per step (2 days 21 h), with a shorter recipe under the hour', () => {
    const long = longRun(stateAt(40_000), [DEFAULT_CONFIG]);
    expect(long?.seconds).toBeCloseTo(249_000, 0);
    expect(long?.estimatedFrom).toEqual(['plain-20']);
    expect(long?.shorter?.seconds).toBeLessThanOrEqual(LONG_RUN_SECONDS);
  });

  it('does not ask under the hour, before the data is ready, or with nothing measured', () => {
    expect(longRun(stateAt(500), [DEFAULT_CONFIG])).toBeNull();
    expect(longRun(stateAt(40_000, false), [DEFAULT_CONFIG])).toBeNull();
    expect(longRun({ ...stateAt(40_000), speeds: {} }, [DEFAULT_CONFIG])).toBeNull();
  });
});
