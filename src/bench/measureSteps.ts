// Times and counts steady-state training steps of one engine. The same code measures in Node on Dawn
// (scripts/bench-node.ts) and in a browser worker (benchWorker.ts), so both print the same figures.
import * as tf from '@tensorflow/tfjs';
import { countsBetween, readWebGpuCounts, type WebGpuCounts } from './webgpuCounter';

/** One engine's training step, as the trainer runs it: `step` records a step's GPU work (this project's engine
 *  reads nothing back; a baseline may, and then returns a promise); `endsWindow` says a metrics read follows it
 *  (the trainer samples the diagnostics on that step); `readMetrics` is the loop's one GPU->CPU read per window. */
export interface Stepper {
  step(endsWindow: boolean): void | Promise<void>;
  readMetrics(): Promise<void>;
  dispose(): void;
}

export interface StepMeasurement {
  steps: number;
  /** The window reads metrics back every readEvery steps, as the trainer does at batch 128 (390 steps per
   *  epoch / 20 points per epoch). */
  readEvery: number;
  msPerStep: number;
  imagesPerSecond: number;
  /** WebGPU API calls per step (counts / steps), uniform writes kept apart from data uploads. */
  perStep: Omit<WebGpuCounts, 'dispatchesByLabel'>;
  dispatchesByLabelPerStep: Record<string, number>;
  /** Pipelines created during the measured steps (after warm-up): should be 0. */
  pipelinesCreatedAfterWarmup: number;
  tensorsAlive: number;
  /** Tensors alive after the measured steps minus before: 0 when nothing leaks. */
  tensorGrowth: number;
  gpuBytesAlive: number | null;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function measureSteps(stepper: Stepper, batchSize: number, options: { warmupSteps?: number; steps?: number; readEvery?: number } = {}): Promise<StepMeasurement> {
  // At least 2: a metrics window's first step and its later ones use different pipelines (the first overwrites).
  const warmupSteps = Math.max(2, options.warmupSteps ?? 3);
  const readEvery = options.readEvery ?? 20;
  const steps = options.steps ?? readEvery;
  // Warm-up: compiles every pipeline (first step) and lets tfjs's buffer pool reach its steady size.
  for (let i = 0; i < warmupSteps; i++) await stepper.step(i === warmupSteps - 1);
  await stepper.readMetrics();
  const tensorsBefore = tf.memory().numTensors;
  const before = readWebGpuCounts();
  const start = performance.now();
  for (let i = 1; i <= steps; i++) {
    const endsWindow = i % readEvery === 0 || i === steps;
    await stepper.step(endsWindow);
    if (endsWindow) await stepper.readMetrics();
  }
  const elapsed = performance.now() - start;
  const delta = countsBetween(before, readWebGpuCounts());
  const { dispatchesByLabel, ...totals } = delta;
  const perStep = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, round(v / steps)])) as StepMeasurement['perStep'];
  const memory = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  return {
    steps,
    readEvery,
    msPerStep: round(elapsed / steps, 1),
    imagesPerSecond: round((1000 * steps * batchSize) / elapsed, 1),
    perStep,
    dispatchesByLabelPerStep: Object.fromEntries(
      Object.entries(dispatchesByLabel)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => [k, round(v / steps)]),
    ),
    pipelinesCreatedAfterWarmup: totals.pipelinesCreated,
    tensorsAlive: memory.numTensors,
    tensorGrowth: memory.numTensors - tensorsBefore,
    gpuBytesAlive: memory.numBytesInGPU ?? null,
  };
}
