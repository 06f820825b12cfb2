// Checkpoints and resume on the CPU backend, where arithmetic is deterministic: a resumed run must equal an
// uninterrupted one bit for bit (every weight, BN statistic, momentum buffer, generator state and loss).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, type TrainConfig } from '../config';
import { computeMeanImage } from '../data/meanImage';
import { captureTensors, restoreTensors } from './checkpointing';
import { RunControl } from './runControl';
import { RecordingSink } from './testing/recordingSink';
import { syntheticSplit } from './testing/syntheticData';
import { train, type TrainerEvent, type TrainerOptions, type TrainingData } from './trainer';
import { TrainingEngine } from './trainStep';

const micro = PRESETS.find((p) => p.id === 'micro')!.config;
/** 2 epochs of 3 steps (12 images at batch 4: tfjs's CPU filter gradient takes ~1 s a step even so), with
 *  augmentation, evaluated after every step: a checkpoint is saved after each step but the last. The lr
 *  drops at steps 3 and 4.5 -> 5. */
const sixSteps: TrainConfig = { ...micro, epochs: 2, batchSize: 4, trainSubset: 12, testSubset: 8, evalsPerEpoch: 3, augment: true };

let data: TrainingData;
/** The uninterrupted run, trained once for all the tests below. */
let whole: RecordingSink;
let uninterrupted: Awaited<ReturnType<typeof trainWith>>;
beforeAll(async () => {
  await tf.setBackend('cpu');
  const trainSplit = syntheticSplit(64, 1);
  data = { train: trainSplit, test: syntheticSplit(16, 2), meanImage: computeMeanImage(trainSplit) };
  whole = new RecordingSink();
  uninterrupted = await trainWith(sixSteps, { checkpoints: whole });
}, 60_000);

/** Trains; with stopAt, stops once the evaluation after that iteration is in. */
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

const progressOf = (events: TrainerEvent[]) => events.flatMap((e) => (e.type === 'trainProgress' ? [[e.iteration, e.trainLoss, e.trainError, e.learningRate]] : []));
const evaluationsOf = (events: TrainerEvent[]) => events.flatMap((e) => (e.type === 'evaluation' ? [[e.iteration, e.testLoss, e.testError]] : []));

describe('checkpoints (CPU backend, micro network)', () => {
  it('capture and restore carry every parameter, BN statistic and momentum buffer, and refuse another network', async () => {
    const engine = new TrainingEngine(micro, data.meanImage);
    const other = new TrainingEngine({ ...micro, seed: micro.seed + 1 }, data.meanImage);
    // tfjs's CPU filter gradient is slow at batch 4 already: one step is enough to fill the buffers.
    const deeper = new TrainingEngine({ ...micro, model: { ...micro.model, depth: micro.model.depth + 6 } }, data.meanImage);
    try {
      // Momentum buffers and running statistics are non-zero only after a step.
      engine.step(engine.input.prepare(data.train, Int32Array.from({ length: 4 }, (_, i) => i), null), 0.1);
      const { tensors, finite } = await captureTensors(engine);
      expect(finite).toBe(true);
      const names = tensors.map((t) => t.name);
      expect(names).toContain('stem/conv');
      expect(names).toContain('stem/bn/runningMean');
      expect(names).toContain('stem/bn/runningVariance');
      expect(names).toContain('stem/conv/momentum');
      expect(names).toContain('fc/bias/momentum');
      expect(tensors).toHaveLength(engine.network.parameters.length * 2 + engine.network.bnStatistics.length);
      expect(tensors.find((t) => t.name === 'stem/conv/momentum')!.values.some((v) => v !== 0)).toBe(true);

      restoreTensors(other, tensors);
      const copied = await captureTensors(other);
      expect(copied.tensors).toEqual(tensors);
      expect(() => restoreTensors(deeper, tensors)).toThrow(/no tensor|holds/);
    } finally {
      [engine, other, deeper].forEach((e) => e.dispose());
    }
  });

  it('a run stopped at iteration 2 and resumed equals the uninterrupted run exactly: weights, state, losses, evaluations', async () => {
    expect(uninterrupted.outcome).toBe('finished');
    expect([...whole.saved.keys()]).toEqual([1, 2, 3, 4, 5]); // every evaluation but the last; none at the end
    expect(whole.deleted).toEqual(['run-1']); // a finished run keeps no checkpoint

    const first = new RecordingSink();
    const stopped = await trainWith(sixSteps, { checkpoints: first }, 2);
    expect(stopped.outcome).toBe('stopped');
    expect(stopped.events.at(-1)).toMatchObject({ state: 'stopped', message: expect.stringContaining('can resume') });
    const atTwo = first.newest();
    expect(atTwo.iteration).toBe(2);

    const second = new RecordingSink();
    const before = tf.memory().numTensors;
    const resumed = await trainWith(sixSteps, { checkpoints: second, resumeFrom: atTwo });
    expect(resumed.outcome).toBe('finished');
    expect(tf.memory().numTensors).toBe(before);
    expect(resumed.events.find((e) => e.type === 'runStarted')).toMatchObject({ resumedFrom: 2 });
    // The resumed run saves at 3, 4, 5 what the uninterrupted run saved there, to the bit.
    expect([...second.saved.keys()]).toEqual([3, 4, 5]);
    for (const iteration of [3, 4, 5]) {
      const a = whole.saved.get(iteration)!;
      const b = second.saved.get(iteration)!;
      expect(b.rngState).toEqual(a.rngState);
      expect(b.order).toEqual(a.order);
      expect(b.warmingUp).toBe(a.warmingUp);
      expect(b.tensors.map((t) => t.name)).toEqual(a.tensors.map((t) => t.name));
      b.tensors.forEach((tensor, i) => expect(tensor.values, tensor.name).toEqual(a.tensors[i].values));
    }
    // One continuous curve: the stopped part and the resumed part together are the uninterrupted run's.
    expect([...progressOf(stopped.events), ...progressOf(resumed.events)]).toEqual(progressOf(uninterrupted.events));
    expect([...evaluationsOf(stopped.events), ...evaluationsOf(resumed.events)]).toEqual(evaluationsOf(uninterrupted.events));
  });

  it('a resume across an epoch boundary (checkpoint at 3 of 3 steps per epoch) reshuffles as the uninterrupted run did', async () => {
    const resumed = new RecordingSink();
    await trainWith(sixSteps, { checkpoints: resumed, resumeFrom: whole.saved.get(3)! });
    expect(resumed.saved.get(5)!.order).toEqual(whole.saved.get(5)!.order);
    resumed.saved.get(5)!.tensors.forEach((tensor, i) => expect(tensor.values).toEqual(whole.saved.get(5)!.tensors[i].values));
  });

  it('evaluates again at the checkpoint when asked (the page lost that evaluation), as the uninterrupted run did', async () => {
    const { events } = await trainWith(sixSteps, { resumeFrom: whole.saved.get(4)!, evaluateAtResume: true }, 4);
    expect(evaluationsOf(events)[0]).toEqual(evaluationsOf(uninterrupted.events)[3]);
    expect(evaluationsOf(events)[0][0]).toBe(4);
  });

  it('a checkpoint that is due does not wait for the next metrics window (a window can span minutes on a slow device)', async () => {
    // One window per epoch (3 steps) and one evaluation at the end: without the cadence, no checkpoint at all.
    const sink = new RecordingSink();
    const events: TrainerEvent[] = [];
    await train('run-1', { ...sixSteps, evalsPerEpoch: 1, epochs: 1 }, data, (e) => events.push(e), new RunControl(), {
      minReportIntervalMs: 0,
      pointsPerEpoch: 1,
      checkpoints: sink,
      minCheckpointIntervalMs: 1,
    });
    // The first is due at once; the next waits 49 saves' time (a few ms here, against ~1 s steps).
    const saved = [...sink.saved.keys()];
    expect(saved[0]).toBe(1);
    expect(saved.every((iteration) => iteration < 3)).toBe(true);
    // Each checkpoint came right after a window read: the windows stay whole.
    expect(events.filter((e) => e.type === 'trainProgress').map((e) => e.iteration)).toEqual([1, 2, 3]);
  });

  it('refuses a checkpoint of other settings or another dataset, saying why', async () => {
    const checkpoint = whole.saved.get(2)!;
    const otherLr = await trainWith({ ...sixSteps, learningRate: 0.05 }, { resumeFrom: checkpoint });
    expect(otherLr.events).toEqual([{ type: 'runState', runId: 'run-1', state: 'failed', message: expect.stringMatching(/cannot resume.*settings differ/) }]);
    const otherData = await trainWith({ ...sixSteps, trainSubset: 16 }, { resumeFrom: { ...checkpoint, config: { ...sixSteps, trainSubset: 16 } } });
    expect(otherData.events.at(-1)).toMatchObject({ state: 'failed', message: expect.stringMatching(/trained on 12 images.*gives 16/) });
  });

  it('diverging keeps the last good checkpoint, says where, suggests the fix, and plots nothing non-finite', async () => {
    // The largest float32 in every classifier weight: the logits, hence the loss, overflow at the next step.
    const poisoned = structuredClone(whole.saved.get(2)!);
    poisoned.tensors.find((t) => t.name === 'fc/kernel')!.values.fill(3.4e38);
    const after = new RecordingSink();
    const { outcome, events } = await trainWith(sixSteps, { checkpoints: after, resumeFrom: poisoned });
    expect(outcome).toBe('failed');
    expect(events.at(-1)).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/Diverged at iteration 3.*last good checkpoint \(iteration 2\) is kept.*smaller learning rate.*warm-up/),
    });
    expect(after.saved.size).toBe(0);
    expect(after.deleted).toEqual([]);
    for (const e of events) if (e.type === 'trainProgress') expect(Number.isFinite(e.trainLoss)).toBe(true);
  });

  it('a weight that is no longer finite is never saved over the last good checkpoint', async () => {
    // A NaN running mean does not touch the training loss (training mode normalises with the batch's own
    // statistics): only the check of the weights at the next save can catch it.
    const poisoned = structuredClone(whole.saved.get(2)!);
    poisoned.tensors.find((t) => t.name === 'stem/bn/runningMean')!.values.fill(Number.NaN);
    const after = new RecordingSink();
    const { outcome, events } = await trainWith(sixSteps, { checkpoints: after, resumeFrom: poisoned });
    expect(outcome).toBe('failed');
    expect(events.at(-1)).toMatchObject({ message: expect.stringMatching(/Diverged at iteration 3: a weight became NaN or infinite/) });
    expect(after.saved.size).toBe(0);
  });

  it('a storage that refuses checkpoints is reported once, and the run trains to its end without them', async () => {
    const full = new RecordingSink(new DOMException('quota', 'QuotaExceededError'));
    const { outcome, events } = await trainWith({ ...sixSteps, epochs: 1 }, { checkpoints: full });
    expect(outcome).toBe('finished');
    const errors = events.filter((e) => e.type === 'error');
    expect(errors).toEqual([{ type: 'error', scope: 'checkpoint', message: expect.stringMatching(/storage for the page is full.*goes on without them/) }]);
    expect(events.some((e) => e.type === 'checkpointSaved')).toBe(false);
  });
});
