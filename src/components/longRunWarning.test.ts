// The question before a run of hours (issue 20, finding 5): on this VM's SwiftShader a 128-image ResNet-20 step
// takes about 40 s, so the default recipe (15 epochs, 5,850 steps) would train for days without a word.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import { speedKey } from '../engine/speedKey';
import type { MeasuredSpeed } from '../engine/wallTime';
import { LONG_RUN_SECONDS, runsDuration, shorterRecipe, speedEstimate } from './longRunWarning';

const plain20: TrainConfig = { ...DEFAULT_CONFIG, model: { ...DEFAULT_CONFIG.model, blockType: 'plain' } };
/** What the first-visit guide measures: plain-20 at the paper's size (batch 128, width 16). */
const guideMeasured = (msPerStep: number): Record<string, MeasuredSpeed> => ({ [speedKey(plain20, 'webgpu')]: { msPerStep, msPerEvalImage: msPerStep / 400 } });
const duration = (configs: readonly TrainConfig[], speeds: Record<string, MeasuredSpeed>) => runsDuration(configs, 'webgpu', speeds, 50_000, 10_000);

describe('how long the runs Train would queue take here', () => {
  it('takes ResNet-20 at the speed measured for plain-20 of the same size (the guide measures only plain nets)', () => {
    const estimate = speedEstimate(DEFAULT_CONFIG, 'webgpu', guideMeasured(40_000));
    expect(estimate).toEqual({ speed: { msPerStep: 40_000, msPerEvalImage: 100 }, from: 'plain-20' });
    // 15 epochs of 390 steps at 40 s, plus 15 evaluations of 10,000 images at 0.1 s: about 66.7 h.
    const seconds = duration([DEFAULT_CONFIG], guideMeasured(40_000))!.seconds;
    expect(seconds / 3600).toBeCloseTo((5_850 * 40 + 15 * 10_000 * 0.1) / 3600, 5);
    expect(seconds).toBeGreaterThan(LONG_RUN_SECONDS);
  });

  it('scales a measured depth to another by the number of layers', () => {
    const deeper = { ...plain20, model: { ...plain20.model, depth: 56 } };
    expect(speedEstimate(deeper, 'webgpu', guideMeasured(1_000))?.speed.msPerStep).toBeCloseTo(2_800, 6);
    // The parts the probe times besides the step (building, shader compilation, checkpoints) scale too.
    const withParts = { [speedKey(plain20, 'webgpu')]: { msPerStep: 1_000, msPerEvalImage: 1, msBuild: 100, msCompile: 3_000, msPerCheckpoint: 10 } };
    expect(speedEstimate(deeper, 'webgpu', withParts)?.speed).toMatchObject({ msBuild: 280, msCompile: 8_400, msPerCheckpoint: 28 });
    expect(speedEstimate(deeper, 'webgl', guideMeasured(1_000))).toBeNull(); // another backend's speed says nothing
  });

  it('is unknown (no question) when nothing was measured here', () => {
    expect(duration([DEFAULT_CONFIG], {})).toBeNull();
  });

  it('is under the hour for a fast device: no question', () => {
    // 5,850 steps at 0.5 s = 49 min, evaluations 15 x 10,000 x 0.00125 s = 3 min.
    expect(duration([DEFAULT_CONFIG], guideMeasured(500))!.seconds).toBeLessThan(LONG_RUN_SECONDS);
  });
});

describe('the shorter recipe offered', () => {
  const durationOf = (speeds: Record<string, MeasuredSpeed>) => (configs: readonly TrainConfig[]) => duration(configs, speeds)?.seconds ?? null;

  it('is the longest that fits the hour: fewer epochs of all the images when they fit', () => {
    // 1 s per step: 15 epochs are 1 h 41 min; 5 epochs (1,950 steps) 34 min fit, 10 (68 min) do not.
    const speeds = guideMeasured(1_000);
    const current = duration([DEFAULT_CONFIG], speeds)!.seconds;
    const shorter = shorterRecipe([DEFAULT_CONFIG], current, durationOf(speeds));
    expect(shorter?.change).toMatchObject({ schedule: 'quick', epochs: 5, trainSubset: null });
    expect(shorter!.seconds).toBeLessThanOrEqual(LONG_RUN_SECONDS);
  });

  it('is a subset of the images on a device without a GPU, and the shortest one even when none fits', () => {
    // 30 s per step: 1 epoch of all the images is 390 steps (3 h 15 min); of 10,000 images 78 steps (39 min)
    // and 4 evaluations of 2,000 test images (10 min).
    const speeds = guideMeasured(30_000);
    const current = duration([DEFAULT_CONFIG], speeds)!.seconds;
    expect(shorterRecipe([DEFAULT_CONFIG], current, durationOf(speeds))?.change).toMatchObject({ trainSubset: 10_000, epochs: 1 });
    const verySlow = guideMeasured(400_000);
    const slowest = shorterRecipe([DEFAULT_CONFIG], duration([DEFAULT_CONFIG], verySlow)!.seconds, durationOf(verySlow));
    expect(slowest?.change.trainSubset).toBe(2_000);
    expect(slowest!.seconds).toBeGreaterThan(LONG_RUN_SECONDS);
  });
});
