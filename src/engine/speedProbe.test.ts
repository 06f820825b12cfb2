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
    for (const part of [speed.msBuild, speed.msCompile, speed.msEvaluationCompile, speed.msPerSample, speed.msPerCheckpoint]) {
      expect(Number.isFinite(part) && part >= 0).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('times each part of a run: building, the compiling first step, the median of 3 steps, a sampled step, a checkpoint, an evaluation batch and a second network’s start', async () => {
    // Clock readings in call order (start, end of each): building (12 ms), the first step (900 ms: it compiles),
    // 3 timed steps (5, 50 and 7 ms), a checkpoint's read-back (4 ms), the first sampled step (300 ms) and a
    // second (10 ms), the first evaluation batch (1,000 ms) and a second (400 ms, 200 images), then a second
    // network's building (8 ms) and first step (37 ms: compiled, but its buffers are new).
    const readings = [0, 12, 12, 912, 912, 917, 917, 967, 967, 974, 974, 978, 978, 1_278, 1_278, 1_288, 1_288, 2_288, 2_288, 2_688, 2_688, 2_696, 2_696, 2_733];
    const clock = () => {
      const next = readings.shift();
      if (next === undefined) throw new Error('the probe read the clock more often than expected');
      return next;
    };
    expect(await measureSpeed(tiny, clock)).toEqual({
      msPerStep: 7,
      msPerEvalImage: 2,
      evaluationEstimated: false,
      // The second network's building, and its first step beyond a later one (37 - 7): paid by every run.
      msBuild: 8 + 30,
      // The first step beyond the second network's (900 - 37), and the first sampled step beyond the second (300 - 10).
      msCompile: 863 + 290,
      msEvaluationCompile: 600,
      // A sampled step (10 ms) beyond a plain one (7 ms).
      msPerSample: 3,
      msPerCheckpoint: 4,
    });
    expect(readings).toEqual([]);
  });

  it('stops timing once 2 s were timed, and on a slow device estimates the evaluation instead of timing it', async () => {
    // Building (10 ms), the first step (9 s), one timed step of 2.5 s: past the budget, so no second step, and past
    // SLOW_STEP_MS, so no sampled step and no evaluation batch; the checkpoint's read-back (30 ms) is still timed.
    const readings = [0, 10, 10, 9_010, 9_010, 11_510, 11_510, 11_540];
    const clock = () => {
      const next = readings.shift();
      if (next === undefined) throw new Error('the probe read the clock more often than expected');
      return next;
    };
    const speed = await measureSpeed(tiny, clock);
    expect(readings).toEqual([]);
    expect(speed).toMatchObject({ msPerStep: 2_500, evaluationEstimated: true, msBuild: 10, msCompile: 6_500, msEvaluationCompile: 0, msPerSample: 0, msPerCheckpoint: 30 });
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
