import { describe, expect, it } from 'vitest';
import { presetById, type TrainConfig } from '../config';
import { expectedSeconds, missingParts, queueParts, totalSeconds, wallTimeParts, type MeasuredSpeed } from './wallTime';

const speed = { msPerStep: 100, msPerEvalImage: 0.5 };

describe('expected wall time', () => {
  it('adds 64,000 steps and 165 evaluations of 10,000 test images for the paper run', () => {
    // 64,000 x 100 ms = 6,400 s; (164 epoch ends + the last iteration) x 10,000 x 0.5 ms = 825 s.
    expect(expectedSeconds(presetById('paper').config, 50_000, 10_000, speed)).toBeCloseTo(7_225, 9);
  });

  it('counts 183 evaluations of 5,000 validation images with the 45k/5k split', () => {
    // 351 steps per epoch: 64,000 / 351 = 182.3 epochs, so 182 epoch ends + the last iteration.
    // 6,400 s + 183 x 5,000 x 0.5 ms = 6,400 + 457.5 s.
    expect(expectedSeconds({ ...presetById('paper').config, validationSplit: true }, 50_000, 10_000, speed)).toBeCloseTo(6_857.5, 9);
  });

  it('uses the quick schedule\'s epochs, subsets and evaluations per epoch', () => {
    // Quick look: 10,000 images at batch 128 = 78 steps, 4 evaluations of 2,000 test images.
    // 78 x 50 ms + 4 x 2,000 x 0.25 ms = 3.9 s + 2 s.
    expect(expectedSeconds(presetById('quick-look').config, 50_000, 10_000, { msPerStep: 50, msPerEvalImage: 0.25 })).toBeCloseTo(5.9, 9);
  });
});

describe('the parts of a run', () => {
  // The micro e2e run: 64 images at batch 16 (4 steps per epoch), 2 epochs, 1 evaluation per epoch of 64 images.
  const micro: TrainConfig = { ...presetById('micro').config, epochs: 2, trainSubset: 64, testSubset: 64, evalsPerEpoch: 1, batchSize: 16 };
  const measured: MeasuredSpeed = {
    msPerStep: 80,
    msPerEvalImage: 1.5,
    msBuild: 20,
    msCompile: 3_000,
    msEvaluationCompile: 700,
    msPerSample: 15,
    msPerCheckpoint: 10,
  };

  it('names each part: build, shader compilation, steps, chart points, evaluations and checkpoints', () => {
    const parts = wallTimeParts(micro, 50_000, 10_000, measured);
    expect(parts.build).toBeCloseTo(0.02, 9);
    // Training shaders 3 s, and one evaluation shape (64 images, one short batch) 0.7 s.
    expect(parts.compile).toBeCloseTo(3.7, 9);
    // 8 steps x 80 ms.
    expect(parts.steps).toBeCloseTo(0.64, 9);
    // Points every step (an epoch of 4 steps has fewer than 20), at most one per 100 ms, i.e. every 2 steps of
    // 80 ms: 4 points, plus the 2 evaluations' = 6 x 15 ms.
    expect(parts.samples).toBeCloseTo(0.09, 9);
    // 2 evaluations x 64 images x 1.5 ms.
    expect(parts.evaluations).toBeCloseTo(0.192, 9);
    // A checkpoint after the first evaluation, not after the last; no 10-second interval passes.
    expect(parts.checkpoints).toBeCloseTo(0.01, 9);
    expect(expectedSeconds(micro, 50_000, 10_000, measured)).toBeCloseTo(totalSeconds(parts), 9);
  });

  it('saves a checkpoint every 10 s of training, or every 49 saves\' time when saving is slow', () => {
    // The paper run: 64,000 steps x 100 ms = 6,400 s of training.
    const paper = presetById('paper').config;
    const fast = wallTimeParts(paper, 50_000, 10_000, { ...speed, msPerCheckpoint: 100 });
    // 164 evaluations before the last + 640 ten-second intervals, x 0.1 s.
    expect(fast.checkpoints).toBeCloseTo((164 + 640) * 0.1, 6);
    const slow = wallTimeParts(paper, 50_000, 10_000, { ...speed, msPerCheckpoint: 1_000 });
    // 1 s per save: the next waits 49 s, so 6,400 / 49 = 130 intervals.
    expect(slow.checkpoints).toBeCloseTo(164 + 130, 6);
  });

  it('compiles each set of shapes once in a queue: the second network of one width pays only a new evaluation shape', () => {
    const plain = { ...micro, model: { ...micro.model, blockType: 'plain' as const } };
    const queue = queueParts([plain, micro], () => measured, 50_000, 10_000)!;
    // Both are 4 filters wide: the first run compiles (3 s + 0.7 s), the second nothing.
    expect(queue.compile).toBeCloseTo(3.7, 9);
    expect(queue.build).toBeCloseTo(0.04, 9);
    // Measured in this page: the training shaders are compiled, the evaluation's 64-image batch is not.
    const here = queueParts([plain, micro], () => ({ ...measured, measuredThisPage: true }), 50_000, 10_000)!;
    expect(here.compile).toBeCloseTo(0.7, 9);
    // Another width has other shapes.
    const wider = { ...micro, model: { ...micro.model, width: 8 } };
    expect(queueParts([micro, wider], () => measured, 50_000, 10_000)!.compile).toBeCloseTo(7.4, 9);
    expect(queueParts([micro], () => undefined, 50_000, 10_000)).toBeUndefined();
  });

  it('estimates from an older measurement without the new parts, and names what it lacks', () => {
    const old = { msPerStep: 80, msPerEvalImage: 1.5 };
    const parts = wallTimeParts(micro, 50_000, 10_000, old);
    expect(parts).toMatchObject({ build: 0, compile: 0, samples: 0, checkpoints: 0 });
    expect(totalSeconds(parts)).toBeCloseTo(0.64 + 0.192, 9);
    expect(missingParts(old)).toEqual(['building', 'shader compilation', 'chart points', 'checkpoints']);
    expect(missingParts(measured)).toEqual([]);
  });
});
