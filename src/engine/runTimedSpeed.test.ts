import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import { INITIAL_STATE } from '../state/appState';
import { reduce } from '../state/reducer';
import { runTimedSpeed } from './runTimedSpeed';
import { speedKey } from './speedKey';

/** A micro run as the trainer reports it: 8 steps all sampled, 2 evaluations of 64 images, 1 checkpoint (ms). */
const timing = { buildMs: 50, steps: 8, sampledSteps: 8, trainingMs: 2_400, evaluationMs: [900, 320], evaluatedImages: 64, checkpointMs: [150] };
const probe = { msPerStep: 100, msPerEvalImage: 2, msBuild: 10, msCompile: 3_000, msEvaluationCompile: 800, msPerSample: 50, msPerCheckpoint: 6 };

describe('a speed timed by a finished run', () => {
  it("shares the loop's time between steps and chart points as the probe did, and times the rest as the run did", () => {
    // The probe said 8 x 100 + 8 x 50 = 1,200 ms; the run took 2,400 (shaders compiled by the probe in this page).
    expect(runTimedSpeed(timing, { ...probe, measuredThisPage: true })).toEqual({
      msPerStep: 200,
      msPerSample: 100,
      msPerEvalImage: 320 / 64, // the first evaluation compiled its batch shape: the later one gives the rate
      msBuild: 50,
      msCompile: 3_000, // kept for a later page, which compiles again
      msEvaluationCompile: 800,
      msPerCheckpoint: 150, // with the IndexedDB write, which the probe cannot time
      measuredThisPage: true,
      fromRun: true,
    });
  });

  it("takes the shader compilation out of the loop's time when the run's first steps did it", () => {
    // 4,400 ms of loop, 2,000 of it compiling: 2,400 for 1,200 of the probe's.
    expect(runTimedSpeed({ ...timing, trainingMs: 4_400 }, { ...probe, msCompile: 2_000 })?.msPerStep).toBeCloseTo(200, 6);
    // A compilation the probe overstated never leaves the steps less than half the loop.
    expect(runTimedSpeed(timing, probe)?.msPerStep).toBeCloseTo(100, 6);
  });

  it('without a probe, gives the whole loop to the steps', () => {
    expect(runTimedSpeed(timing, undefined)).toMatchObject({ msPerStep: 300, msPerSample: 0, msPerEvalImage: 5, msCompile: 0 });
  });

  it('replaces the probe in the store under the run\'s speed key, so the next estimate uses it', () => {
    const config = PRESETS[0].config;
    const key = speedKey(config, 'webgpu');
    let state = reduce(INITIAL_STATE, { type: 'backend', backend: 'webgpu', detail: 'test adapter', fallbackReasons: [] });
    state = reduce(state, { type: 'speedMeasured', requestId: 'q', key, backend: 'webgpu', evaluationEstimated: false, measuredAt: 1, ...probe });
    state = reduce(state, { type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 });
    state = reduce(state, { type: 'runTimed', runId: 'r1', ...timing });
    expect(state.speeds[key]).toMatchObject({ msPerStep: 200, msPerCheckpoint: 150, fromRun: true, measuredThisPage: true });
    // A run the page does not know changes nothing.
    expect(reduce(state, { type: 'runTimed', runId: 'other', ...timing })).toBe(state);
  });
});
