// Divergence found at an evaluation (issue 19, finding 1): the evaluation ran on weights that had just become
// non-finite, before the weights check of the checkpoint that follows it, and its NaN test loss was emitted,
// stored, and cost the run its record at the next reload. On the CPU backend, with a micro network.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../checkpoint/checkpoint';
import { PRESETS, type TrainConfig } from '../config';
import { computeMeanImage } from '../data/meanImage';
import { RunControl } from './runControl';
import { RecordingSink } from './testing/recordingSink';
import { syntheticSplit } from './testing/syntheticData';
import { train, type TrainerEvent, type TrainerOptions, type TrainingData } from './trainer';

const micro = PRESETS.find((p) => p.id === 'micro')!.config;
/** 2 epochs of 3 steps at batch 4, evaluated after every step (trainer.checkpoint.test.ts's run). */
const sixSteps: TrainConfig = { ...micro, epochs: 2, batchSize: 4, trainSubset: 12, testSubset: 8, evalsPerEpoch: 3, augment: true };

let data: TrainingData;
/** The run's checkpoint after step 2, for the tests to poison. */
let atTwo: Checkpoint;
beforeAll(async () => {
  await tf.setBackend('cpu');
  const trainSplit = syntheticSplit(64, 1);
  data = { train: trainSplit, test: syntheticSplit(16, 2), meanImage: computeMeanImage(trainSplit) };
  const sink = new RecordingSink();
  await trainWith(sixSteps, { checkpoints: sink }, 2);
  atTwo = sink.saved.get(2)!;
}, 60_000);

async function trainWith(config: TrainConfig, options: TrainerOptions, stopAt?: number) {
  const control = new RunControl();
  const events: TrainerEvent[] = [];
  const outcome = await train(
    'run-1',
    config,
    data,
    (event) => {
      events.push(event);
      if (event.type === 'evaluation' && event.iteration === stopAt) control.stop();
    },
    control,
    { minReportIntervalMs: 0, pointsPerEpoch: 1000, ...options },
  );
  return { outcome, events };
}

/** Resumes from the checkpoint at 2 with the first BN's running variance filled with `variance`: training
 *  normalises with the batch's own statistics (its loss stays finite), the evaluation with the running ones. */
async function resumeWithRunningVariance(variance: number) {
  const poisoned = structuredClone(atTwo);
  poisoned.tensors.find((t) => t.name === 'stem/bn/runningVariance')!.values.fill(variance);
  const sink = new RecordingSink();
  return { sink, ...(await trainWith(sixSteps, { checkpoints: sink, resumeFrom: poisoned })) };
}

function expectNothingNonFinite(events: TrainerEvent[]) {
  for (const e of events) {
    if (e.type === 'evaluation') expect([e.iteration, e.testLoss, e.testError].every(Number.isFinite), `evaluation at ${e.iteration}`).toBe(true);
    if (e.type === 'trainProgress') expect([e.iteration, e.trainLoss, e.trainError, e.learningRate].every(Number.isFinite), `point at ${e.iteration}`).toBe(true);
  }
}

describe('divergence found by an evaluation (CPU backend, micro network)', () => {
  it('a weight that overflows at a step is divergence at the evaluation after it: no evaluation with a NaN loss is emitted, the last good checkpoint is kept', async () => {
    // Every value finite (a checkpoint with a NaN is refused at the resume): the classifier's biases all at
    // −3.4e38 shift every logit alike, so the loss of step 3 stays finite (log 10), but their momentum of 3.4e38
    // moves them past float32's largest value in that step's update: −Infinity, and NaN logits at the evaluation.
    const poisoned = structuredClone(atTwo);
    poisoned.tensors.find((t) => t.name === 'fc/bias')!.values.fill(-3.4e38);
    poisoned.tensors.find((t) => t.name === 'fc/bias/momentum')!.values.fill(3.4e38);
    const sink = new RecordingSink();
    const { outcome, events } = await trainWith(sixSteps, { checkpoints: sink, resumeFrom: poisoned });
    expect(outcome).toBe('failed');
    expectNothingNonFinite(events);
    expect(events.filter((e) => e.type === 'evaluation')).toEqual([]);
    // The training point at 3 is real (measured before the update): it stays; the evaluation at 3 is not emitted.
    expect(events.filter((e) => e.type === 'trainProgress').map((e) => e.type === 'trainProgress' && e.iteration)).toEqual([3]);
    expect(events.at(-1)).toMatchObject({
      type: 'runState',
      state: 'failed',
      message: expect.stringMatching(/^Diverged at iteration 3: a weight became NaN or infinite, so training stopped; .*last good checkpoint \(iteration 2\) is kept/),
    });
    expect(sink.saved.size).toBe(0);
    expect(sink.deleted).toEqual([]);
  }, 60_000);

  it('a test loss that is not finite while every weight is finite is divergence too (the weights check would let it train on)', async () => {
    // A negative running variance (−0.9e30 after the step) makes sqrt(var + eps) NaN in eval mode only, with
    // every tensor finite: no training gives one, but it stands for what the weights check cannot see (the
    // evaluation's own arithmetic), which the trainer must not emit either.
    const { outcome, events, sink } = await resumeWithRunningVariance(-1e30);
    expect(outcome).toBe('failed');
    expectNothingNonFinite(events);
    expect(events.filter((e) => e.type === 'evaluation')).toEqual([]);
    expect(events.at(-1)).toMatchObject({
      type: 'runState',
      state: 'failed',
      message: expect.stringMatching(/^Diverged at iteration 3: the test loss became NaN, so training stopped; .*last good checkpoint \(iteration 2\) is kept/),
    });
    expect(sink.saved.size).toBe(0);
  }, 60_000);
});
