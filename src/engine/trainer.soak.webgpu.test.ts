// WebGPU tier soak test: a long micro run (256 steps, 32 evaluations, a checkpoint after each, one stop and
// resume; SOAK_EPOCHS=63 runs the 504 steps measured for issue 8) must hold a flat number of tensors and GPU
// bytes after warm-up: a leak of one tensor a step, or one per evaluation or checkpoint, would show as hundreds
// or dozens here, and as gigabytes in an hour-long run in a browser. Batch 4 keeps it near 75 s on SwiftShader
// (the count of tensors and bytes does not depend on the batch).
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { PRESETS, type TrainConfig } from '../config';
import { computeMeanImage } from '../data/meanImage';
import { nodeProcess } from '../data/testing/nodeApis';
import { RunControl } from './runControl';
import { RecordingSink } from './testing/recordingSink';
import { syntheticSplit } from './testing/syntheticData';
import { train, type TrainerEvent, type TrainingData } from './trainer';

const micro = PRESETS.find((p) => p.id === 'micro')!.config;
/** Epochs of 8 steps (32 images at batch 4), evaluated on 8 images after each epoch: 32 = 256 steps. */
const EPOCHS = Number((await nodeProcess()).env.SOAK_EPOCHS ?? 32);
const STEPS = EPOCHS * 8;
const long: TrainConfig = { ...micro, epochs: EPOCHS, batchSize: 4, trainSubset: 32, testSubset: 8, evalsPerEpoch: 1, augment: true };
/** Halfway, at an evaluation (every 8 steps). */
const STOP_AFTER_EVALUATION_AT = 8 * Math.floor(EPOCHS / 2);

it(`${STEPS} steps with evaluations, checkpoints and a resume keep tensors and GPU bytes flat`, async () => {
  expect(tf.getBackend()).toBe('webgpu');
  const images = syntheticSplit(32, 1);
  const data: TrainingData = { train: images, test: syntheticSplit(8, 2), meanImage: computeMeanImage(images) };
  const tensorsBefore = tf.memory().numTensors;
  const sink = new RecordingSink();
  const progress: Extract<TrainerEvent, { type: 'trainProgress' }>[] = [];
  const trainPart = (resumeFrom?: ReturnType<RecordingSink['newest']>) => {
    const control = new RunControl();
    return train(
      'soak',
      long,
      data,
      (event) => {
        if (event.type === 'trainProgress') progress.push(event);
        if (event.type === 'evaluation' && event.iteration === STOP_AFTER_EVALUATION_AT) control.stop();
      },
      control,
      // A point every 8 steps: what the chart would get.
      { minReportIntervalMs: 0, pointsPerEpoch: 1, checkpoints: sink, resumeFrom },
    );
  };
  expect(await trainPart()).toBe('stopped');
  expect(await trainPart(sink.newest())).toBe('finished');

  const at = (iteration: number) => progress.find((event) => event.iteration === iteration)!;
  const steady = progress.filter((event) => event.iteration >= 50);
  const tensors = new Set(steady.map((event) => event.tensorsAlive));
  const gpuBytes = new Set(steady.map((event) => event.gpuBytes));
  console.log(
    `soak: tensors at step 56 / ${STEPS} = ${at(56).tensorsAlive} / ${at(STEPS).tensorsAlive}; GPU bytes = ${at(56).gpuBytes} / ${at(STEPS).gpuBytes}; ` +
      `${sink.saved.size} checkpoints, ${progress.length} points, resumed at ${STOP_AFTER_EVALUATION_AT}`,
  );
  expect(progress.at(-1)!.iteration).toBe(STEPS);
  expect(sink.saved.size).toBeGreaterThanOrEqual(EPOCHS - 1);
  expect([...tensors]).toEqual([at(56).tensorsAlive]);
  expect([...gpuBytes]).toEqual([at(56).gpuBytes]);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
}, 600_000);
