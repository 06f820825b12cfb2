// The runTimed report (issue 20, finding 10): a finished run says where its wall time went, so later estimates in
// the page use what it took rather than the idle probe's figures (runTimedSpeed.ts).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, type TrainConfig } from '../config';
import { computeMeanImage } from '../data/meanImage';
import { RunControl } from './runControl';
import { syntheticSplit } from './testing/syntheticData';
import { train, type TrainerEvent, type TrainingData } from './trainer';

const micro = PRESETS.find((p) => p.id === 'micro')!.config;
/** 6 steps: 24 images at batch 8, two epochs, a test evaluation of 16 images after each. */
const sixSteps: TrainConfig = { ...micro, epochs: 2, batchSize: 8, trainSubset: 24, testSubset: 16 };

let data: TrainingData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  const trainSplit = syntheticSplit(64, 1);
  data = { train: trainSplit, test: syntheticSplit(16, 2), meanImage: computeMeanImage(trainSplit) };
});

describe("a finished run's timing", () => {
  it('is reported just before finished: its steps, the chart points, each evaluation and each checkpoint', async () => {
    const events: TrainerEvent[] = [];
    const saves: number[] = [];
    const sink = { save: async (c: { iteration: number }) => (saves.push(c.iteration), { iteration: c.iteration, bytes: 1, savedAt: 0 }), delete: async () => undefined };
    const startedAt = performance.now();
    const outcome = await train('t', sixSteps, data, (e) => events.push(e), new RunControl(), { minReportIntervalMs: 0, pointsPerEpoch: 1000, checkpoints: sink as never });
    const wallMs = performance.now() - startedAt;
    expect(outcome).toBe('finished');
    const finished = events.findIndex((e) => e.type === 'runState' && e.state === 'finished');
    const timed = events[finished - 1];
    if (timed?.type !== 'runTimed') throw new Error(`expected runTimed before finished, got ${timed?.type}`);
    expect(timed).toMatchObject({ runId: 't', steps: 6, sampledSteps: 6, evaluatedImages: 16 });
    expect(timed.evaluationMs).toHaveLength(2);
    expect(timed.checkpointMs).toHaveLength(saves.length); // one after the first evaluation (none at the end)
    expect(saves).toEqual([3]);
    const parts = [timed.buildMs, timed.trainingMs, ...timed.evaluationMs, ...timed.checkpointMs];
    parts.forEach((ms) => expect(ms).toBeGreaterThan(0));
    // The parts are disjoint slices of the run: together no longer than it, and most of it.
    const sum = parts.reduce((a, b) => a + b, 0);
    expect(sum).toBeLessThanOrEqual(wallMs);
    expect(sum).toBeGreaterThan(0.8 * wallMs);
  });
});
