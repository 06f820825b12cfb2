import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetById, type TrainConfig } from '../config';
import { speedKey } from './speedKey';
import { measureSpeed } from './speedProbe';

const micro = presetById('micro').config;
/** Batch 2: the CPU backend is slow, and the speed of a bigger batch is not what these tests check. */
const tiny: TrainConfig = { ...micro, batchSize: 2 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('speed probe', () => {
  it('times real steps and an evaluation batch on this backend and frees every tensor it made', async () => {
    const before = tf.memory().numTensors;
    const speed = await measureSpeed(tiny);
    expect(speed.msPerStep).toBeGreaterThan(0);
    expect(Number.isFinite(speed.msPerStep)).toBe(true);
    expect(speed.msPerEvalImage).toBeGreaterThan(0);
    expect(Number.isFinite(speed.msPerEvalImage)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the median of the 3 timed steps and divides the timed evaluation batch by its 200 images', async () => {
    // Clock readings in call order: start/end of timed steps (5, 50 and 7 ms), then of the evaluation (400 ms).
    // The warm-up step and the warm-up evaluation are not timed, so they read no clock.
    const readings = [0, 5, 5, 55, 55, 62, 62, 462];
    const clock = () => {
      const next = readings.shift();
      if (next === undefined) throw new Error('the probe read the clock more often than expected');
      return next;
    };
    expect(await measureSpeed(tiny, clock)).toEqual({ msPerStep: 7, msPerEvalImage: 2, evaluationEstimated: false });
    expect(readings).toEqual([]);
  });

  it('stops timing once 2 s were timed, and on a slow device estimates the evaluation instead of timing it', async () => {
    // One timed step of 2.5 s: past the budget, so no second step, and past SLOW_STEP_MS, so no evaluation batch.
    const readings = [0, 2_500];
    const clock = () => {
      const next = readings.shift();
      if (next === undefined) throw new Error('the probe read the clock more often than expected');
      return next;
    };
    const speed = await measureSpeed(tiny, clock);
    expect(readings).toEqual([]);
    expect(speed).toMatchObject({ msPerStep: 2_500, evaluationEstimated: true });
    expect(speed.msPerEvalImage).toBeCloseTo(2_500 / tiny.batchSize / 3, 9);
  });

  it('keys a measurement by what the speed depends on: backend, network and batch size', () => {
    const key = speedKey(micro, 'webgpu');
    const other = (change: Partial<TrainConfig>) => speedKey({ ...micro, ...change }, 'webgpu');
    expect(speedKey(micro, 'webgl')).not.toBe(key);
    expect(other({ batchSize: 32 })).not.toBe(key);
    expect(other({ model: { ...micro.model, depth: 56 } })).not.toBe(key);
    expect(other({ model: { ...micro.model, blockType: 'plain' } })).not.toBe(key);
    expect(other({ model: { ...micro.model, width: 16 } })).not.toBe(key);
    expect(other({ learningRate: 0.5, seed: 9, epochs: 40, schedule: 'paper', validationSplit: true, warmup: true })).toBe(key);
  });
});
