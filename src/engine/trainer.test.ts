import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, type TrainConfig } from '../config';
import type { CifarSplit } from '../data/cifarFormat';
import { computeMeanImage } from '../data/meanImage';
import { RunControl } from './runControl';
import { syntheticSplit } from './testing/syntheticData';
import { train, type TrainerEvent, type TrainingData } from './trainer';

const micro = PRESETS.find((p) => p.id === 'micro')!.config;
/** 3 steps: 24 images at batch 8, one epoch, one test evaluation at the end. */
const threeSteps: TrainConfig = { ...micro, epochs: 1, batchSize: 8, trainSubset: 24, testSubset: 16 };

let data: TrainingData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  const trainSplit = syntheticSplit(64, 1);
  data = { train: trainSplit, test: syntheticSplit(16, 2), meanImage: computeMeanImage(trainSplit) };
});

async function runToEnd(config: TrainConfig, control = new RunControl(), diagnostics = true) {
  const events: TrainerEvent[] = [];
  // No coalescing in tests: every read becomes an event.
  const outcome = await train('t', config, data, (e) => events.push(e), control, { minReportIntervalMs: 0, pointsPerEpoch: 1000, diagnostics });
  return { outcome, events };
}

describe('train (CPU backend, micro network)', () => {
  it('runs 3 steps, reports each, evaluates the test set and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const { outcome, events } = await runToEnd(threeSteps);
    expect(outcome).toBe('finished');
    const started = events.find((e) => e.type === 'runStarted');
    expect(started).toMatchObject({ iterationsPerEpoch: 3, totalIterations: 3, lrDropIterations: [2, 2], evaluatedOn: 'test' });
    const progress = events.filter((e) => e.type === 'trainProgress');
    expect(progress.map((e) => e.iteration)).toEqual([1, 2, 3]);
    progress.forEach((e) => {
      expect(e.trainLoss).toBeGreaterThan(0);
      expect(e.trainError).toBeGreaterThanOrEqual(0);
      expect(e.trainError).toBeLessThanOrEqual(100);
    });
    // lr 0.1, then /10 from the first drop (iteration index 2 of 3 here).
    expect(progress.map((e) => e.learningRate)).toEqual([0.1, 0.1, 0.1 / 100]);
    // The tensor count is flat after warm-up: same after step 2 and step 3.
    expect(progress[2].tensorsAlive).toBe(progress[1].tensorsAlive);
    // The CPU backend holds no GPU memory: the status bar leaves it out rather than showing 0 MB.
    expect(progress.map((e) => e.gpuBytes)).toEqual([null, null, null]);
    const evaluation = events.find((e) => e.type === 'evaluation');
    expect(evaluation).toMatchObject({ iteration: 3 });
    expect(events[events.length - 1]).toEqual({ type: 'runState', runId: 't', state: 'finished' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('measures the diagnostics with each point and evaluation (gradient norms, Fig. 7 stds, confusion, top-3), and none when off', async () => {
    const { events } = await runToEnd(threeSteps);
    const started = events.find((e) => e.type === 'runStarted');
    const layout = started?.type === 'runStarted' ? started.diagnosticsLayout : undefined;
    // micro: ResNet-8 of width 4 with option A: 7 convs, 7 BNs, the FC; Fig. 7: the 7 BNs of the main path.
    expect(layout?.gradientLayers).toHaveLength(15);
    expect(layout?.responseLayers).toHaveLength(7);
    const points = events.filter((e) => e.type === 'trainProgress');
    for (const point of points) {
      expect(point.diagnostics?.gradientNorms).toHaveLength(15);
      expect(point.diagnostics?.responseStds).toHaveLength(7);
      expect(point.diagnostics?.gradientNorms.every((n) => Number.isFinite(n) && n > 0)).toBe(true);
      expect(point.diagnostics?.responseStds.every((s) => Number.isFinite(s) && s > 0)).toBe(true);
    }
    // Each point measures its own step: the samples differ from point to point.
    expect(points[0].diagnostics?.gradientNorms).not.toEqual(points[1].diagnostics?.gradientNorms);
    const evaluation = events.find((e) => e.type === 'evaluation');
    if (evaluation?.type !== 'evaluation') throw new Error('no evaluation');
    const confusion = evaluation.confusion ?? [];
    expect(confusion.reduce((a, b) => a + b, 0)).toBe(16); // testSubset 16
    const correct = confusion.filter((_, cell) => cell % 11 === 0).reduce((a, b) => a + b, 0);
    expect(evaluation.testError).toBeCloseTo(100 * (1 - correct / 16), 4);
    expect(evaluation.predictions).toMatchObject({ iteration: 3, evaluatedOn: 'test' });
    expect(evaluation.predictions?.labels).toEqual(data.test.labels.slice(0, 16));
    expect(evaluation.predictions?.top3Classes).toHaveLength(48);
    // The top-1 class of each image is the confusion matrix's column for it.
    const top1 = Array.from({ length: 16 }, (_, i) => evaluation.predictions!.top3Classes[3 * i]);
    const rebuilt = new Array(100).fill(0);
    top1.forEach((p, i) => (rebuilt[data.test.labels[i] * 10 + p] += 1));
    expect(rebuilt).toEqual(confusion);

    const off: TrainerEvent[] = [];
    await train('t', threeSteps, data, (e) => off.push(e), new RunControl(), { minReportIntervalMs: 0, pointsPerEpoch: 1000, diagnostics: false });
    expect(off.some((e) => (e.type === 'runStarted' && e.diagnosticsLayout) || (e.type === 'trainProgress' && e.diagnostics) || (e.type === 'evaluation' && e.confusion))).toBe(false);
  });

  it('names its phases, draws the first point after 3 steps, and between points reports the steps done (a tick)', async () => {
    const events: TrainerEvent[] = [];
    // 6 steps, one window per epoch (6 steps) but the first point after 3; a tick whenever no point was read.
    const sixSteps = { ...threeSteps, trainSubset: 48 };
    await train('t', sixSteps, data, (e) => events.push(e), new RunControl(), { minReportIntervalMs: 0, pointsPerEpoch: 1, tickIntervalMs: 0 });
    const kinds = events.map((e) => (e.type === 'runPhase' ? `phase ${e.phase}` : e.type));
    expect(kinds.slice(0, 4)).toEqual(['phase building', 'runStarted', 'runState', 'phase firstStep']);
    expect(events.filter((e) => e.type === 'trainProgress').map((e) => e.iteration)).toEqual([3, 6]);
    const ticks = events.filter((e) => e.type === 'trainTick');
    expect(ticks.map((e) => e.iteration)).toEqual([1, 2, 4, 5]);
    ticks.forEach((tick) => {
      expect(tick).not.toHaveProperty('trainError');
      expect(tick.epoch).toBeCloseTo(tick.iteration / 6, 9);
    });
    expect(ticks[3].imagesPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(ticks[3].etaSeconds)).toBe(true);
  });

  it('gives the same first-step loss for the same seed, and a different one for another seed', async () => {
    // One step each (8 images): the first loss is all this compares.
    const firstLoss = async (seed: number) => {
      // Diagnostics off: every step is sampled here (a window per step), which only slows the CPU backend down.
      const { events } = await runToEnd({ ...threeSteps, trainSubset: 8, testSubset: 8, seed }, undefined, false);
      return events.filter((e) => e.type === 'trainProgress')[0].trainLoss;
    };
    const a = await firstLoss(3);
    expect(await firstLoss(3)).toBe(a);
    expect(await firstLoss(4)).not.toBe(a);
  });

  it('stops at a step boundary when asked and frees everything', async () => {
    const before = tf.memory().numTensors;
    const control = new RunControl();
    const events: TrainerEvent[] = [];
    const outcome = await train(
      't',
      { ...threeSteps, epochs: 5 },
      data,
      (e) => {
        events.push(e);
        if (e.type === 'trainProgress' && e.iteration === 2) control.stop();
      },
      control,
      { minReportIntervalMs: 0, pointsPerEpoch: 1000 },
    );
    expect(outcome).toBe('stopped');
    expect(events.filter((e) => e.type === 'trainProgress').map((e) => e.iteration)).toEqual([1, 2]);
    expect(events[events.length - 1]).toMatchObject({ type: 'runState', state: 'stopped' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops during a test evaluation without reporting a partial test error, and frees everything', async () => {
    const before = tf.memory().numTensors;
    const control = new RunControl();
    const events: TrainerEvent[] = [];
    const outcome = await train(
      't',
      { ...threeSteps, epochs: 3 },
      data,
      (e) => {
        events.push(e);
        if (e.type === 'evaluationStarted') control.stop();
      },
      control,
      { minReportIntervalMs: 0 },
    );
    expect(outcome).toBe('stopped');
    expect(events.filter((e) => e.type === 'evaluationStarted')).toEqual([{ type: 'evaluationStarted', runId: 't', iteration: 3, images: 16 }]);
    expect(events.some((e) => e.type === 'evaluation')).toBe(false);
    expect(events[events.length - 1]).toMatchObject({ type: 'runState', state: 'stopped' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails with a message, not an exception, when the loss becomes NaN, and frees everything', async () => {
    const before = tf.memory().numTensors;
    const poisoned: TrainingData = { ...data, meanImage: new Float32Array(3072).fill(Number.NaN) };
    const events: TrainerEvent[] = [];
    const outcome = await train('t', threeSteps, poisoned, (e) => events.push(e), new RunControl(), { minReportIntervalMs: 0 });
    expect(outcome).toBe('failed');
    expect(events[events.length - 1]).toMatchObject({ type: 'runState', state: 'failed', message: expect.stringMatching(/Diverged at iteration 1.*smaller learning rate/) });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('evaluates on held-out training images with the 45k/5k split and trains only on the others', async () => {
    // 24 + 5,000 training images: the last 5,000 are held out, so one epoch is 24 / 8 = 3 steps; the test
    // split has only 16 images, so 400 evaluated images can only be validation images.
    const images = syntheticSplit(24 + 5_000, 3);
    const withHoldout: TrainingData = { train: images, test: syntheticSplit(16, 2), meanImage: computeMeanImage(images) };
    const events: TrainerEvent[] = [];
    const config: TrainConfig = { ...threeSteps, trainSubset: null, testSubset: 400, validationSplit: true };
    const outcome = await train('t', config, withHoldout, (e) => events.push(e), new RunControl(), { minReportIntervalMs: 0 });
    expect(outcome).toBe('finished');
    expect(events.find((e) => e.type === 'runStarted')).toMatchObject({ evaluatedOn: 'validation', iterationsPerEpoch: 3, totalIterations: 3 });
    expect(events.filter((e) => e.type === 'evaluationStarted')).toEqual([{ type: 'evaluationStarted', runId: 't', iteration: 3, images: 400 }]);
    expect(events.filter((e) => e.type === 'evaluation')).toHaveLength(1);
  });

  it('refuses an invalid configuration before building anything', async () => {
    const { outcome, events } = await runToEnd({ ...threeSteps, learningRate: -1 });
    expect(outcome).toBe('failed');
    expect(events).toEqual([{ type: 'runState', runId: 't', state: 'failed', message: expect.stringMatching(/Learning rate must be a positive number/) }]);
  });
});

/** Each class a distinct, nearly constant image: even the micro network at lr 0.01 gets below 80% error fast. */
function learnableSplit(count: number): CifarSplit {
  const images = new Uint8Array(count * 3072);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  for (let i = 0; i < count; i++) {
    const c = labels[i];
    for (let p = 0; p < 3072; p++) images[i * 3072 + p] = (c * 25 + (p >> 10) * 80 * (c % 3) + (p % 7)) & 255;
  }
  return { images, labels, count };
}

describe('ResNet-110 warm-up (§4.2), CPU backend, micro network', () => {
  const learnable = learnableSplit(96);
  const learnableData: TrainingData = { train: learnable, test: learnableSplit(16), meanImage: computeMeanImage(learnable) };
  /** 12 steps of 8 images; drops at steps 6 and 9, after the warm-up ends. */
  const warmup: TrainConfig = { ...micro, epochs: 1, batchSize: 8, trainSubset: null, testSubset: 16, augment: false, warmup: true };

  /** Trains until `stopAfter` says so; every window of one step is read (pointsPerEpoch 1000). */
  async function progressUntil(minReportIntervalMs: number, stopAfter: (e: Extract<TrainerEvent, { type: 'trainProgress' }>, all: TrainerEvent[]) => boolean) {
    const control = new RunControl();
    const events: TrainerEvent[] = [];
    await train(
      't',
      warmup,
      learnableData,
      (e) => {
        events.push(e);
        if (e.type === 'trainProgress' && stopAfter(e, events)) control.stop();
      },
      control,
      // Diagnostics off: the windows and the warm-up are what these tests are about (each window is sampled otherwise).
      { minReportIntervalMs, pointsPerEpoch: 1000, diagnostics: false },
    );
    return events.filter((e) => e.type === 'trainProgress');
  }

  it('trains at lr/10 until a window\'s training error is below 80%, then at lr', async () => {
    // Stop one window after the first window below 80%.
    const progress = await progressUntil(0, (_, all) => {
      const windows = all.filter((e) => e.type === 'trainProgress');
      return windows.slice(0, -1).some((e) => e.trainError < 80);
    });
    const end = progress.findIndex((e) => e.trainError < 80);
    expect(end).toBeGreaterThanOrEqual(1); // at least one window at >= 80% first: the warm-up really lasted
    expect(progress.slice(0, end + 1).map((e) => e.learningRate)).toEqual(Array(end + 1).fill(0.01));
    expect(progress.slice(0, end).every((e) => e.trainError >= 80)).toBe(true);
    expect(progress[end + 1].learningRate).toBe(0.1);
    expect(progress[end + 1].iteration).toBe(progress[end].iteration + 1);
  });

  it('ends the warm-up at the same iteration whatever the wall clock: no coalescing while it lasts', async () => {
    const endsAt = async (minReportIntervalMs: number) => {
      const progress = await progressUntil(minReportIntervalMs, (e) => e.trainError < 80);
      return progress.map((e) => [e.iteration, e.learningRate]);
    };
    const unthrottled = await endsAt(0);
    // With a report interval of 11 days the only windows read are the warm-up's own, every readEvery step.
    expect(await endsAt(1e9)).toEqual(unthrottled);
    expect(unthrottled.length).toBeGreaterThanOrEqual(2);
  });
});
