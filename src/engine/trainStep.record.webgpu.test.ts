// WebGPU tier: a recorded, replayed training step (kernels/recordedDispatches.ts) computes exactly what the step
// through tfjs's tape computes, bit for bit, on Dawn: 24 steps with an lr drop, a diagnostics-sampled step in
// between (run through the tape, with the record's buffers lent out, as big networks do), metrics windows read and restarted, and a
// checkpoint restored into the running engine (the record goes stale and is made again) or into a new engine
// (a resume), for plain and residual, option A and B, basic and bottleneck networks.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { PRESETS, type ModelConfig, type TrainConfig } from '../config';
import { computeMeanImage } from '../data/meanImage';
import { Random } from '../data/random';
import { residualConfig } from '../model/testing/configs';
import { readWebGpuCounts } from '../bench/webgpuCounter';
import { forceImplementations } from '../model/kernels/kernelChoice';
import { captureTensors, restoreTensors } from './checkpointing';
import { syntheticSplit } from './testing/syntheticData';
import { TrainingEngine, type StepMode } from './trainStep';
import type { WindowMetrics } from './trainingMetrics';

const micro = PRESETS.find((p) => p.id === 'micro')!.config;
const STEPS = 24;
const LR_DROP_AT = 12; // §4.2's lr / 10, early
const SAMPLED_STEP = 7;
const WINDOW = 6;
const split = syntheticSplit(16, 1);
const meanImage = computeMeanImage(split);

interface Outcome {
  tensors: Float32Array[];
  windows: WindowMetrics[];
  capture: TrainingEngine['capture'];
}

type Interruption = 'none' | 'restore in place' | 'resume in a new engine';

/** `steps` past LR_DROP_AT and SAMPLED_STEP keeps the lr drop and the sampled step in the run. */
async function train(model: ModelConfig, mode: StepMode, interruption: Interruption = 'none', steps = STEPS): Promise<Outcome> {
  const config: TrainConfig = { ...micro, model, batchSize: 4, seed: 3 };
  let engine = new TrainingEngine(config, meanImage, { diagnostics: true, mode, lendBuffersFromBytes: 0 });
  const rng = new Random(5);
  const windows: WindowMetrics[] = [];
  for (let step = 0; step < steps; step++) {
    const indices = [0, 1, 2, 3].map((i) => (4 * step + 5 * i) % split.count);
    engine.step(engine.input.prepare(split, indices, rng), step < LR_DROP_AT ? 0.1 : 0.01, step === SAMPLED_STEP);
    if (step === SAMPLED_STEP) await engine.diagnostics!.read();
    if (step % WINDOW === WINDOW - 1) windows.push(await engine.metrics.readAndReset());
    if (step === 17 && interruption !== 'none') { // at the end of a metrics window, as the trainer checkpoints
      const saved = await captureTensors(engine);
      if (interruption === 'resume in a new engine') {
        engine.dispose();
        engine = new TrainingEngine(config, meanImage, { diagnostics: true, mode, lendBuffersFromBytes: 0 });
      }
      restoreTensors(engine, saved.tensors);
    }
  }
  const { tensors } = await captureTensors(engine);
  const capture = engine.capture;
  engine.dispose();
  return { tensors: tensors.map((t) => t.values), windows, capture };
}

function expectBitEqual(actual: Outcome, expected: Outcome) {
  expect(actual.tensors).toHaveLength(expected.tensors.length);
  actual.tensors.forEach((values, i) => {
    const differing = values.findIndex((v, j) => !Object.is(v, expected.tensors[i][j]));
    expect(differing, `tensor ${i}: first differing value`).toBe(-1);
  });
  expect(actual.windows).toEqual(expected.windows);
}

describe('a recorded training step replays the taped step bit for bit (WebGPU)', () => {
  const cases: [string, ModelConfig][] = [
    ['ResNet-8 option A', residualConfig(8, 4)],
    ['ResNet-8 option B', residualConfig(8, 4, { shortcut: 'B' })],
    ['plain-8', residualConfig(8, 4, { blockType: 'plain' })],
    ['bottleneck ResNet-11 option A', residualConfig(11, 4, { block: 'bottleneck' })],
    ['bottleneck ResNet-11 option B', residualConfig(11, 4, { block: 'bottleneck', shortcut: 'B' })],
    ['bottleneck plain-11', residualConfig(11, 4, { block: 'bottleneck', blockType: 'plain' })],
  ];
  for (const [name, model] of cases) {
    it(name, async () => {
      const taped = await train(model, 'tape');
      expect(taped.capture.state).toBe('tape');
      const before = readWebGpuCounts().bindGroupsCreated;
      const replayed = await train(model, 'record');
      expect(replayed.capture, 'every step but the sampled one was replayed').toMatchObject({ state: 'replayed', recordings: 1 });
      expectBitEqual(replayed, taped);
      // The record's bind groups, the taped steps' (the recorded first, the sampled one), the probe's: far fewer
      // than one per dispatch of every step.
      const perDispatchEveryStep = STEPS * (replayed.capture.state === 'replayed' ? replayed.capture.dispatches : 0);
      expect(readWebGpuCounts().bindGroupsCreated - before).toBeLessThan(perDispatchEveryStep / 4);
    });
  }

  it('a checkpoint restored into the running engine or resumed in a new one continues bit for bit', async () => {
    const model = residualConfig(8, 4);
    const taped = await train(model, 'tape');
    const inPlace = await train(model, 'record', 'restore in place');
    expect(inPlace.capture, 'the restored weights made the record stale: recorded again').toMatchObject({ state: 'replayed', recordings: 2 });
    expectBitEqual(inPlace, taped);
    expectBitEqual(await train(model, 'record', 'resume in a new engine'), taped);
  });

  it('replays whichever implementations were chosen: the GPU-built candidates, bit for bit', async () => {
    forceImplementations('workgroup-tile,split-reduction');
    try {
      // 14 steps: the sampled step (7) and the lr drop (12) included; these kernels' barriers are slow on SwiftShader.
      for (const model of [residualConfig(8, 4), residualConfig(11, 4, { block: 'bottleneck', shortcut: 'B' })]) {
        const before = readWebGpuCounts().dispatchesByLabel;
        const taped = await train(model, 'tape', 'none', 14);
        const after = readWebGpuCounts().dispatchesByLabel;
        for (const kernel of ['ConvForwardTiled', 'ConvFilterGradientTiledPartial', 'BatchNormSplitStatistics', 'BatchNormSplitBackwardInput']) {
          expect((after[kernel] ?? 0) - (before[kernel] ?? 0), `${kernel} ran`).toBeGreaterThan(0);
        }
        expectBitEqual(await train(model, 'record', 'none', 14), taped);
      }
    } finally {
      forceImplementations(null);
    }
  });

  it('leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    await train(residualConfig(8, 4), 'record');
    expect(tf.memory().numTensors).toBe(before);
  });
});
