// Measures how fast config's network trains and evaluates on this device, before a run, so the UI can show the
// expected wall time of a 64,000-iteration run (hours) or a quick one (minutes) from a measurement, not a guess.
// It times every part of a run's wall time that it can observe cheaply (wallTime.ts adds them up): building the
// network, the shader compilation of the first steps and the first evaluation, a plain step, a step whose
// diagnostics are sampled, an evaluation batch and a checkpoint's read-back. Random pixels: the speed of the
// arithmetic does not depend on the values.
import type { TrainConfig } from '../config';
import { IMAGE_BYTES, NUM_CLASSES, type CifarSplit } from '../data/cifarFormat';
import { Random } from '../data/random';
import { captureTensors } from './checkpointing';
import { EVAL_BATCH, evaluate } from './evaluate';
import { TrainingEngine } from './trainStep';

/** At most this many timed training steps after the one untimed warm-up step (which compiles the shaders);
 *  the median is kept. */
export const PROBE_TIMED_STEPS = 3;
/** ...but no more timed steps once this much has been timed (ms): on a slow device one step is already a
 *  measurement, and a probe that outlasts the run it times is no help (it once took 153 s before a 132 s run). */
export const PROBE_TIME_BUDGET_MS = 2_000;
/** Above this step time (ms) neither the sampled step nor the evaluation is timed (each would cost seconds to
 *  minutes more); the evaluation is estimated from the training step (see below), the sample is not counted. */
export const SLOW_STEP_MS = 1_000;
/** A training step is a forward and a backward pass (about twice the forward's arithmetic); evaluating an image
 *  is the forward alone, so about a third of a training step per image. Used only when a timed evaluation
 *  batch (EVAL_BATCH images, seconds to minutes on a slow device) would cost more than the whole probe. */
export const FORWARD_SHARE_OF_STEP = 1 / 3;

export interface SpeedMeasurement {
  /** Median wall time of one training step at config.batchSize, ms (GPU work included). */
  msPerStep: number;
  /** Wall time of evaluating one image (eval mode, one batch of EVAL_BATCH images, diagnostics on), ms. */
  msPerEvalImage: number;
  /** True when msPerEvalImage was estimated from the training step (slow device) rather than timed. */
  evaluationEstimated: boolean;
  /** Starting a run, ms (once per run): building the network, its optimizer state and its diagnostics buffers,
   *  and what its first step takes beyond a later one with every shader compiled (it allocates the network's
   *  activations and gradients; timed on a second network built the same way). */
  msBuild: number;
  /** Shader compilation, ms: what the first training step and the first sampled step took beyond the same step
   *  of a second network (once per network in a page; tfjs keeps compiled shaders for the worker's life). */
  msCompile: number;
  /** The same for the first evaluation batch (once per batch shape in a page), ms; 0 when not timed. */
  msEvaluationCompile: number;
  /** What a step whose diagnostics are sampled and read back (one chart point) costs beyond a plain step, ms. */
  msPerSample: number;
  /** One checkpoint's share the probe can time: every tensor read back and copied, then serialised, ms. */
  msPerCheckpoint: number;
}

/**
 * Builds config.model as a run does (diagnostics on), runs 1 warm-up + up to PROBE_TIMED_STEPS timed training
 * steps (each waits for its loss to be read back, so the GPU's work is inside the time; no more once
 * PROBE_TIME_BUDGET_MS were timed), reads every tensor back as a checkpoint does and, unless a step is slower than
 * SLOW_STEP_MS, 1 warm-up + 1 timed sampled step, 1 warm-up + 1 timed evaluation batch, and a second network's
 * building and first step; it disposes everything it made. `clock` is in ms (tests pass a fake one).
 */
export async function measureSpeed(config: TrainConfig, clock: () => number = () => performance.now()): Promise<SpeedMeasurement> {
  const rng = new Random(config.seed);
  const images = randomSplit(Math.max(config.batchSize, EVAL_BATCH), rng);
  const meanImage = new Float32Array(IMAGE_BYTES).fill(127.5);
  const indices = Array.from({ length: config.batchSize }, (_, i) => i);

  const build = (): { engine: TrainingEngine; ms: number } => {
    const start = clock();
    const engine = new TrainingEngine(config, meanImage, { diagnostics: true });
    return { engine, ms: clock() - start };
  };
  const stepOf = (engine: TrainingEngine) => async (): Promise<void> => {
    // The batch is prepared inside the timed part, as in a run (gathering and drawing are CPU work per step).
    engine.step(engine.input.prepare(images, indices, config.augment ? rng : null), config.learningRate);
    await engine.metrics.readAndReset();
  };
  const { engine, ms: msBuild } = build();
  let measured: Omit<SpeedMeasurement, 'msBuild' | 'msCompile'> & { firstStep: number; sampleCompile: number };
  try {
    const step = stepOf(engine);
    const sampledStep = async (): Promise<void> => {
      // A chart point: the step measures gradients and responses, and both reads share one wait (as trainer.ts).
      engine.step(engine.input.prepare(images, indices, config.augment ? rng : null), config.learningRate, true);
      await Promise.all([engine.metrics.readAndReset(), engine.diagnostics?.read()]);
    };
    const firstStep = await timed(step, clock);
    const stepTimes: number[] = [];
    while (stepTimes.length < PROBE_TIMED_STEPS && sum(stepTimes) < PROBE_TIME_BUDGET_MS) stepTimes.push(await timed(step, clock));
    const msPerStep = median(stepTimes);
    const msPerCheckpoint = await timed(() => checkpointCopy(engine), clock);
    const stepCompile = Math.max(0, firstStep - msPerStep);
    if (msPerStep > SLOW_STEP_MS) {
      const msPerEvalImage = (msPerStep / config.batchSize) * FORWARD_SHARE_OF_STEP;
      return { msPerStep, msPerEvalImage, evaluationEstimated: true, msBuild, msCompile: stepCompile, msEvaluationCompile: 0, msPerSample: 0, msPerCheckpoint };
    }

    const firstSample = await timed(sampledStep, clock);
    const sampled = await timed(sampledStep, clock);
    const evaluateOneBatch = async (): Promise<void> => {
      await evaluate(engine.network, engine.input, images, EVAL_BATCH, () => false, true);
    };
    const firstEvaluation = await timed(evaluateOneBatch, clock);
    const evaluation = await timed(evaluateOneBatch, clock);
    measured = {
      msPerStep,
      msPerEvalImage: evaluation / EVAL_BATCH,
      evaluationEstimated: false,
      msEvaluationCompile: Math.max(0, firstEvaluation - evaluation),
      msPerSample: Math.max(0, sampled - msPerStep),
      msPerCheckpoint,
      firstStep,
      sampleCompile: Math.max(0, firstSample - sampled),
    };
  } finally {
    engine.dispose();
  }
  // A run builds a new network, whose first step allocates and first writes its buffers even with every shader
  // compiled: a run pays that every time, compilation once per page. A second network, built after the first is
  // freed, tells them apart (on SwiftShader its first step came within a few ms of a later one; a driver that
  // zero-fills new buffers may differ, and then it is counted where it belongs).
  const { engine: second, ms: secondBuild } = build();
  try {
    const secondFirstStep = await timed(stepOf(second), clock);
    const { firstStep, sampleCompile, ...parts } = measured;
    return {
      ...parts,
      msBuild: secondBuild + Math.max(0, secondFirstStep - parts.msPerStep),
      msCompile: Math.max(0, firstStep - secondFirstStep) + sampleCompile,
    };
  } finally {
    second.dispose();
  }
}

/** What a checkpoint costs before its storage write: every tensor read back from the GPU, then serialised (a
 *  structured clone, as IndexedDB makes of what it stores). */
async function checkpointCopy(engine: TrainingEngine): Promise<void> {
  const { tensors } = await captureTensors(engine);
  structuredClone(tensors);
}

async function timed(work: () => Promise<void>, clock: () => number): Promise<number> {
  const start = clock();
  await work();
  return clock() - start;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
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
