// WebGPU tier: checkpoints and resume on the real webgpu backend (Dawn) with the fused kernels, where float
// sums may be ordered differently from run to run: a resumed run must equal an uninterrupted one within float
// tolerance (on the CPU backend it is exact: trainer.checkpoint.test.ts).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint } from '../checkpoint/checkpoint';
import { PRESETS, type TrainConfig } from '../config';
import { computeMeanImage } from '../data/meanImage';
import { RunControl } from './runControl';
import { RecordingSink } from './testing/recordingSink';
import { syntheticSplit } from './testing/syntheticData';
import { train, type TrainingData } from './trainer';

const micro = PRESETS.find((p) => p.id === 'micro')!.config;
/** 3 epochs of 4 steps at batch 8 (32 images), evaluated after every 2 steps: a checkpoint after each. */
const config: TrainConfig = { ...micro, epochs: 3, batchSize: 8, trainSubset: 32, testSubset: 16, evalsPerEpoch: 2, augment: true };

let data: TrainingData;
beforeAll(() => {
  expect(tf.getBackend()).toBe('webgpu');
  const images = syntheticSplit(64, 1);
  data = { train: images, test: syntheticSplit(16, 2), meanImage: computeMeanImage(images) };
});

async function trainWith(sink: RecordingSink, resumeFrom?: Checkpoint, stopAfterEvaluationAt?: number) {
  const control = new RunControl();
  return train(
    'run-1',
    config,
    data,
    (event) => {
      if (event.type === 'evaluation' && event.iteration === stopAfterEvaluationAt) control.stop();
    },
    control,
    { minReportIntervalMs: 0, checkpoints: sink, resumeFrom },
  );
}

describe('resume on WebGPU (fused kernels)', () => {
  it('a run stopped at iteration 4 and resumed equals the uninterrupted run at iteration 10 within float tolerance', async () => {
    const whole = new RecordingSink();
    expect(await trainWith(whole)).toBe('finished');
    const first = new RecordingSink();
    expect(await trainWith(first, undefined, 4)).toBe('stopped');
    const resumed = new RecordingSink();
    expect(await trainWith(resumed, first.saved.get(4))).toBe('finished');

    const a = whole.saved.get(10)!;
    const b = resumed.saved.get(10)!;
    expect(b.rngState).toEqual(a.rngState);
    expect(b.order).toEqual(a.order);
    let largest = 0;
    let largestRelative = 0;
    a.tensors.forEach((tensor, i) => {
      expect(b.tensors[i].name).toBe(tensor.name);
      const scale = Math.max(1e-3, ...Array.from(tensor.values, Math.abs));
      for (let k = 0; k < tensor.values.length; k++) {
        const difference = Math.abs(tensor.values[k] - b.tensors[i].values[k]);
        largest = Math.max(largest, difference);
        largestRelative = Math.max(largestRelative, difference / scale);
      }
    });
    // Dawn's kernels are deterministic here, so this has been 0 (bit-identical); the bound allows a GPU whose
    // reductions are not. Printed for docs/testing.md.
    console.log(`resume on WebGPU: largest parameter difference at iteration 10 = ${largest.toExponential(2)} (relative to each tensor's largest value ${largestRelative.toExponential(2)})`);
    expect(largestRelative).toBeLessThan(1e-4);
  });
});
