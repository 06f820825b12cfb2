// A run's expected wall time from a speed measured on this device (speedProbe.ts) and the run's length
// (runLength, the same numbers the trainer uses), as a sum of named parts: building the network, compiling its
// shaders, the training steps, the chart points' diagnostics, the evaluations and the checkpoints. Leaving the
// parts other than the steps out made the estimate about half the real time (issue 20, finding 10).
import type { TrainConfig } from '../config';
import { MAX_SAVE_FRACTION, MIN_CHECKPOINT_INTERVAL_MS } from './checkpointCadence';
import { EVAL_BATCH } from './evalBatch';
import { runLength } from './schedule';

export interface MeasuredSpeed {
  /** ms per training step at the config's batch size. */
  msPerStep: number;
  /** ms per evaluated image. */
  msPerEvalImage: number;
  /** The parts below are absent from measurements stored before they were timed: those count as 0 and the
   *  UI says which are missing (missingParts). All in ms. */
  /** Building the network, once per run. */
  msBuild?: number;
  /** Compiling the training step's shaders (first step and first sampled step beyond their repeats). */
  msCompile?: number;
  /** Compiling the evaluation's shaders (first evaluation batch beyond its repeat). */
  msEvaluationCompile?: number;
  /** A sampled step's extra (diagnostics measured and read back, one chart point) over a plain step. */
  msPerSample?: number;
  /** One checkpoint: every tensor read back and serialised. */
  msPerCheckpoint?: number;
  /** Timed by a run that finished (runTimedSpeed.ts): with measuredThisPage, its evaluation shaders are compiled too. */
  fromRun?: boolean;
  /** Measured in this page, so its shaders are compiled already (not restored from storage). */
  measuredThisPage?: boolean;
}

/** The optional parts, by the name the UI gives them. */
const OPTIONAL_PARTS = {
  msBuild: 'building',
  msCompile: 'shader compilation',
  msEvaluationCompile: 'shader compilation',
  msPerSample: 'chart points',
  msPerCheckpoint: 'checkpoints',
} as const;

/** Seconds each part of a run takes. */
export interface WallTimeParts {
  build: number;
  compile: number;
  steps: number;
  samples: number;
  evaluations: number;
  checkpoints: number;
}

export interface WallTimeContext {
  /** The training shaders of this network are compiled already in this page (tfjs keeps them for the worker's
   *  life: its speed was measured here, or an earlier run of the same estimate trains the same network). */
  trainingCompiled?: boolean;
  /** The evaluation shaders for this run's batch shapes are compiled already. */
  evaluationCompiled?: boolean;
}

/** The trainer's points report at most this often (trainer.ts minReportIntervalMs). */
const MIN_REPORT_INTERVAL_MS = 100;
/** ...and its chart has up to this many training points per epoch (trainer.ts pointsPerEpoch). */
const POINTS_PER_EPOCH = 20;

export function wallTimeParts(
  config: TrainConfig,
  availableTrainImages: number,
  availableTestImages: number,
  speed: MeasuredSpeed,
  context: WallTimeContext = {},
): WallTimeParts {
  const length = runLength(config, availableTrainImages, availableTestImages);
  const steps = length.totalIterations;
  const evaluations = length.evaluationIterations.length;
  const trainingMs = steps * speed.msPerStep;
  // A chart point every readEvery steps, no more often than every MIN_REPORT_INTERVAL_MS; every evaluation and
  // the end read one too (trainer.ts: a sampled step measures the diagnostics and reads them back).
  const readEvery = Math.max(1, Math.ceil(length.iterationsPerEpoch / POINTS_PER_EPOCH), Math.ceil(MIN_REPORT_INTERVAL_MS / speed.msPerStep));
  const samples = Math.min(steps, Math.ceil(steps / readEvery) + evaluations);
  // A checkpoint after every evaluation but the last, and one every MIN_CHECKPOINT_INTERVAL_MS of training or
  // more rarely (checkpointCadence.ts: saving takes at most MAX_SAVE_FRACTION of the time).
  const saveMs = speed.msPerCheckpoint ?? 0;
  const cadenceMs = Math.max(MIN_CHECKPOINT_INTERVAL_MS, (saveMs * (1 - MAX_SAVE_FRACTION)) / MAX_SAVE_FRACTION);
  const checkpoints = Math.max(0, evaluations - 1) + Math.floor(trainingMs / cadenceMs);
  // A test set that is not a multiple of EVAL_BATCH ends on a shorter batch: another shape, compiled anew.
  const evaluationShapes = (length.evalImages >= EVAL_BATCH ? 1 : 0) + (length.evalImages % EVAL_BATCH > 0 ? 1 : 0);
  const newShapes = context.evaluationCompiled ? 0 : context.trainingCompiled ? (length.evalImages % EVAL_BATCH > 0 ? 1 : 0) : evaluationShapes;
  return {
    build: (speed.msBuild ?? 0) / 1000,
    compile: ((context.trainingCompiled ? 0 : (speed.msCompile ?? 0)) + newShapes * (speed.msEvaluationCompile ?? 0)) / 1000,
    steps: trainingMs / 1000,
    samples: (samples * (speed.msPerSample ?? 0)) / 1000,
    evaluations: (evaluations * length.evalImages * speed.msPerEvalImage) / 1000,
    checkpoints: (checkpoints * saveMs) / 1000,
  };
}

export function totalSeconds(parts: WallTimeParts): number {
  return parts.build + parts.compile + parts.steps + parts.samples + parts.evaluations + parts.checkpoints;
}

/** Seconds: the sum of wallTimeParts. Pauses are not included. */
export function expectedSeconds(
  config: TrainConfig,
  availableTrainImages: number,
  availableTestImages: number,
  speed: MeasuredSpeed,
  context: WallTimeContext = {},
): number {
  return totalSeconds(wallTimeParts(config, availableTrainImages, availableTestImages, speed, context));
}

/** The parts an older stored measurement lacks (counted as 0), named for the user; [] when complete. */
export function missingParts(speed: MeasuredSpeed): string[] {
  const names = Object.entries(OPTIONAL_PARTS)
    .filter(([field]) => typeof speed[field as keyof MeasuredSpeed] !== 'number')
    .map(([, name]) => name);
  return [...new Set(names)];
}

/** Adds two runs' parts. */
export function addParts(a: WallTimeParts, b: WallTimeParts): WallTimeParts {
  return {
    build: a.build + b.build,
    compile: a.compile + b.compile,
    steps: a.steps + b.steps,
    samples: a.samples + b.samples,
    evaluations: a.evaluations + b.evaluations,
    checkpoints: a.checkpoints + b.checkpoints,
  };
}

export const NO_TIME: WallTimeParts = { build: 0, compile: 0, steps: 0, samples: 0, evaluations: 0, checkpoints: 0 };

/**
 * The parts of runs trained one after the other in this page, in order: shaders are compiled once per set of
 * shapes (by a speed measurement in this page, or by the first run that needs them).
 * undefined when a config has no measured speed.
 */
export function queueParts(
  configs: readonly TrainConfig[],
  speedOf: (config: TrainConfig) => MeasuredSpeed | undefined,
  availableTrainImages: number,
  availableTestImages: number,
): WallTimeParts | undefined {
  const compiled = new Set<string>();
  let total = NO_TIME;
  for (const config of configs) {
    const speed = speedOf(config);
    if (!speed) return undefined;
    // Shaders are compiled per tensor shape: every network of one width and block has the same shapes per stage
    // (a deeper one has more layers of them; a ResNet adds only its few shortcut ops), so they share shaders.
    const network = JSON.stringify([config.model.width, config.model.block, config.batchSize]);
    const evaluation = JSON.stringify([config.model.width, config.model.block, runLength(config, availableTrainImages, availableTestImages).evalImages]);
    const trainedHere = speed.measuredThisPage === true && speed.fromRun === true;
    const context = { trainingCompiled: speed.measuredThisPage === true || compiled.has(network), evaluationCompiled: trainedHere || compiled.has(evaluation) };
    total = addParts(total, wallTimeParts(config, availableTrainImages, availableTestImages, speed, context));
    compiled.add(network).add(evaluation);
  }
  return total;
}
