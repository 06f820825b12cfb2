// Measures how fast config's network trains and evaluates on this device, before a run, so the UI can show the
// expected wall time of a 64,000-iteration run (hours) or a quick one (minutes) from a measurement, not a guess.
// Random pixels: the speed of the arithmetic does not depend on the values.
import type { TrainConfig } from '../config';
import { IMAGE_BYTES, NUM_CLASSES, type CifarSplit } from '../data/cifarFormat';
import { Random } from '../data/random';
import { EVAL_BATCH, evaluate } from './evaluate';
import { TrainingEngine } from './trainStep';

/** Timed training steps after the one untimed warm-up step (which compiles the shaders); the median is kept. */
export const PROBE_TIMED_STEPS = 3;

export interface SpeedMeasurement {
  /** Median wall time of one training step at config.batchSize, ms (GPU work included). */
  msPerStep: number;
  /** Wall time of evaluating one image (eval mode, one batch of EVAL_BATCH images), ms. */
  msPerEvalImage: number;
}

/**
 * Builds config.model, runs 1 warm-up + PROBE_TIMED_STEPS timed training steps (each waits for its loss to be
 * read back, so the GPU's work is inside the time) and 1 warm-up + 1 timed evaluation batch, then disposes
 * everything it made. `clock` is in ms (tests pass a fake one).
 */
export async function measureSpeed(config: TrainConfig, clock: () => number = () => performance.now()): Promise<SpeedMeasurement> {
  const rng = new Random(config.seed);
  const images = randomSplit(Math.max(config.batchSize, EVAL_BATCH), rng);
  const meanImage = new Float32Array(IMAGE_BYTES).fill(127.5);
  const indices = Array.from({ length: config.batchSize }, (_, i) => i);

  const engine = new TrainingEngine(config, meanImage);
  try {
    const step = async (): Promise<void> => {
      // The batch is prepared inside the timed part, as in a run (gathering and drawing are CPU work per step).
      engine.step(engine.input.prepare(images, indices, config.augment ? rng : null), config.learningRate);
      await engine.metrics.readAndReset();
    };
    await step();
    const stepTimes: number[] = [];
    for (let i = 0; i < PROBE_TIMED_STEPS; i++) stepTimes.push(await timed(step, clock));

    const evaluateOneBatch = async (): Promise<void> => {
      await evaluate(engine.network, engine.input, images, EVAL_BATCH);
    };
    await evaluateOneBatch();
    const evalTime = await timed(evaluateOneBatch, clock);
    return { msPerStep: median(stepTimes), msPerEvalImage: evalTime / EVAL_BATCH };
  } finally {
    engine.dispose();
  }
}

async function timed(work: () => Promise<void>, clock: () => number): Promise<number> {
  const start = clock();
  await work();
  return clock() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `count` images of random pixels and labels (the speed of the arithmetic does not depend on the values). */
export function randomSplit(count: number, rng: Random): CifarSplit {
  const images = Uint8Array.from({ length: count * IMAGE_BYTES }, () => rng.int(256));
  const labels = Uint8Array.from({ length: count }, () => rng.int(NUM_CLASSES));
  return { images, labels, count };
}
