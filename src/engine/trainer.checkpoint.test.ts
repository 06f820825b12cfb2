// Checkpoints and resume on the CPU backend, where arithmetic is deterministic: a resumed run must equal an
// uninterrupted one bit for bit (every weight, BN statistic, momentum buffer, generator state and loss).
import * as tf from '@tensorflow/tfjs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../checkpoint/checkpoint';
import { openCheckpointStore } from '../checkpoint/checkpointStore';
import { INITIAL_STATE, isResumable, type Run } from '../state/appState';
import { reduce, type Action } from '../state/reducer';
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
    // The UI names the checkpoint the run resumed from, whatever it offered (nothing was saved: saveMs 0).
    expect(resumed.events.find((e) => e.type === 'checkpointSaved')).toMatchObject({ iteration: 2, saveMs: 0 });
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

  it('a checkpoint without a curve (saved before it had one) evaluates again at its iteration when asked, as the uninterrupted run did', async () => {
    const { events } = await trainWith(sixSteps, { resumeFrom: { ...whole.saved.get(4)!, curve: undefined }, evaluateAtResume: true }, 4);
    expect(evaluationsOf(events)[0]).toEqual(evaluationsOf(uninterrupted.events)[3]);
    expect(evaluationsOf(events)[0][0]).toBe(4);
    expect(events.find((e) => e.type === 'runStarted')).not.toHaveProperty('resumedCurve');
  });

  it('a checkpoint whose curve lacks the evaluation at its iteration (stopped during it) evaluates there again by itself', async () => {
    const atFour = whole.saved.get(4)!;
    const withoutIt = { ...atFour, curve: { train: atFour.curve!.train, test: atFour.curve!.test.filter((p) => p.iteration < 4) } };
    const { events } = await trainWith(sixSteps, { resumeFrom: withoutIt }, 4);
    expect(evaluationsOf(events)).toEqual([evaluationsOf(uninterrupted.events)[3]]);
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
    const kept = new RecordingSink();
    const otherLr = await trainWith({ ...sixSteps, learningRate: 0.05 }, { resumeFrom: checkpoint, checkpoints: kept });
    expect(otherLr.events.at(-1)).toEqual({ type: 'runState', runId: 'run-1', state: 'failed', message: expect.stringMatching(/cannot resume: the run's settings differ/) });
    expect(otherLr.events.some((e) => e.type === 'runStarted' || e.type === 'checkpointDeleted')).toBe(false);
    expect(kept.deleted).toEqual([]); // not damaged: kept for the settings or dataset it belongs to
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
    // A loader that skips the checks: a stored checkpoint with a NaN is refused before it is restored (below).
    const { outcome, events } = await trainWith(sixSteps, { checkpoints: after, resumeFrom: async () => ({ checkpoint: poisoned }) });
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

// Issue 19: a checkpoint is checked completely before it is trusted; a bad newest slot falls back to the older.
describe('checked checkpoints (CPU backend, micro network)', () => {
  /** A store as the worker's: `older` in one slot, `newest` (saved unchecked, as damage would leave it) in the
   *  slot the pointer names. */
  async function storeWith(older: Checkpoint, newest: Checkpoint) {
    const store = (await openCheckpointStore(new IDBFactory()))!;
    await store.save(older);
    await store.save(newest);
    return store;
  }
  const atTwo = () => structuredClone(whole.saved.get(2)!);

  const damaged: [string, () => Checkpoint, RegExp][] = [
    // Finding 3: before, it trained on into meaningless points and "Diverged at iteration 3", keeping the NaN one.
    ['a NaN weight', () => { const c = atTwo(); c.tensors.find((t) => t.name === 'stem/conv')!.values[5] = Number.NaN; return c; }, /tensor stem\/conv holds NaN at index 5/],
    // Finding 4: iteration 4 with the weights (and curve) of 2: before, the curve jumped from 2 to 5.
    ['an edited iteration', () => ({ ...atTwo(), iteration: 4 }), /says iteration 4, but its curve ends at iteration 2/],
    // Finding 8: before, each Resume failed the same way and the older slot was never tried.
    ['a permuted shape', () => { const c = atTwo(); const t = c.tensors.find((t) => t.name === 'stem/conv')!; t.shape = [...t.shape].reverse(); return c; }, /its stem\/conv is \[4,3,3,3\], the network's \[3,3,3,4\]/],
    ['iteration 1e12', () => ({ ...atTwo(), iteration: 1e12, curve: undefined }), /at iteration 1,000,000,000,000, past the run's 6/],
    ['an epoch order of 1,000,000s', () => ({ ...atTwo(), order: new Int32Array(12).fill(1_000_000) }), /epoch order names image 1,000,000 of 12/],
  ];
  for (const [what, damage, reason] of damaged) {
    it(`${what} in the newest checkpoint: resumes from the older one, says so, and trains on as the uninterrupted run did`, async () => {
      const store = await storeWith(whole.saved.get(1)!, damage());
      const { outcome, events } = await trainWith(sixSteps, { checkpoints: store, resumeFrom: (check) => store.load('run-1', check) }, 2);
      expect(outcome).toBe('stopped');
      const said = events.filter((e) => e.type === 'error');
      expect(said).toEqual([{ type: 'error', scope: 'checkpoint', message: expect.stringMatching(/^Resumed from iteration 1, the older checkpoint: the newest checkpoint/) }]);
      expect(said[0]).toMatchObject({ message: expect.stringMatching(reason) });
      // The UI's "resumable from" follows, before the run starts.
      expect(events.findIndex((e) => e.type === 'checkpointSaved' && e.iteration === 1)).toBeLessThan(events.findIndex((e) => e.type === 'runStarted'));
      expect(events.find((e) => e.type === 'runStarted')).toMatchObject({ resumedFrom: 1 });
      expect(progressOf(events)).toEqual(progressOf(uninterrupted.events).filter(([iteration]) => iteration === 2));
      // What it saved at 2 is the uninterrupted run's, to the bit, and is what the store now resumes from.
      const saved = await store.load('run-1');
      expect(saved.checkpoint?.iteration).toBe(2);
      saved.checkpoint!.tensors.forEach((tensor, i) => expect(tensor.values).toEqual(whole.saved.get(2)!.tensors[i].values));
    });
  }

  it('both checkpoints bad: the run fails saying why, stops offering resume, keeps its curves, and the slots are deleted', async () => {
    const nan = atTwo();
    nan.tensors[0].values.fill(Number.NaN);
    const store = await storeWith({ ...whole.saved.get(1)!, order: new Int32Array(12).fill(1_000_000) }, nan);
    const { outcome, events } = await trainWith(sixSteps, { checkpoints: store, resumeFrom: (check) => store.load('run-1', check) });
    expect(outcome).toBe('failed');
    expect(events.some((e) => e.type === 'runStarted' || e.type === 'trainProgress')).toBe(false);
    const failed = events.at(-1);
    expect(failed).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/cannot resume: the newest checkpoint \(iteration 2\) cannot be used \(.*NaN.*\); the older one \(iteration 1\) cannot be used \(.*epoch order.*\)\. Its checkpoints were deleted; its curves are kept\./),
    });
    expect(await store.list()).toEqual([]);
    // In the UI: the message on the row and as a notice, the curves as they were, no Resume.
    const run: Run = { id: 'run-1', config: sixSteps, state: 'stopped', createdAt: 0, trainableParameters: 1, train: [{ iteration: 1, epoch: 1 / 3, trainError: 90, trainLoss: 2.3, learningRate: 0.1 }], test: [] };
    const before = reduce(reduce(reduce(INITIAL_STATE, { type: 'historyRestored', runs: [run] }), { type: 'checkpointsListed', checkpoints: [{ runId: 'run-1', iteration: 2, bytes: 1, savedAt: 0 }] }), { type: 'runResumeRequested', runId: 'run-1' });
    const after = [{ type: 'runStarting', runId: 'run-1' } as Action, ...events].reduce(reduce, before);
    expect(after.runs[0]).toMatchObject({ state: 'failed', message: (failed as { message: string }).message, train: run.train });
    expect(isResumable(after, after.runs[0])).toBe(false);
    expect(after.notices.at(-1)?.message).toBe((failed as { message: string }).message);
  });

  it('a kill between the checkpoint and the write of the curve (finding 5): resumed, the curve has every point, the one at the checkpoint too', async () => {
    const first = new RecordingSink();
    const stopped = await trainWith(sixSteps, { checkpoints: first }, 2);
    // The page died after the worker saved the checkpoint at 2 and before the run's record with the point at 2
    // was written (historySync.ts writes at most every 2 s): the stored run ends at 1.
    const storedUpTo = stopped.events.findIndex((e) => e.type === 'trainProgress' && e.iteration === 2);
    const stored = [{ type: 'runsQueued', runs: [{ runId: 'run-1', config: sixSteps }], createdAt: 0 } as Action, { type: 'runStarting', runId: 'run-1' } as Action, ...stopped.events.slice(0, storedUpTo)].reduce(reduce, INITIAL_STATE);
    expect(stored.runs[0].train.map((p) => p.iteration)).toEqual([1]);
    const reloaded = reduce(
      reduce(reduce(INITIAL_STATE, { type: 'historyRestored', runs: [{ ...stored.runs[0], state: 'stopped' }] }), { type: 'checkpointsListed', checkpoints: [{ runId: 'run-1', iteration: 2, bytes: 1, savedAt: 0 }] }),
      { type: 'runResumeRequested', runId: 'run-1' },
    );
    const resumed = await trainWith(sixSteps, { resumeFrom: first.newest() });
    const after = [{ type: 'runStarting', runId: 'run-1' } as Action, ...resumed.events].reduce(reduce, reloaded);
    const curveOf = (events: TrainerEvent[]) => ({ train: progressOf(events).map(([iteration]) => iteration), test: evaluationsOf(events).map(([iteration]) => iteration) });
    expect({ train: after.runs[0].train.map((p) => p.iteration), test: after.runs[0].test.map((p) => p.iteration) }).toEqual(curveOf(uninterrupted.events));
    expect(after.runs[0].train.map((p) => [p.iteration, p.trainLoss, p.trainError, p.learningRate])).toEqual(progressOf(uninterrupted.events));
  });
});

