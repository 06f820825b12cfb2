// The training loop. A plain module: it does not know it runs in a worker, so Node tests run it too.
// It owns every tensor it makes and disposes them all, whatever way the run ends.
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../config';
import { describeConfigErrors, validateConfig } from '../configValidation';
import type { CifarSplit } from '../data/cifarFormat';
import { Random, shuffleInPlace } from '../data/random';
import { countTrainableParameters } from '../model/parameterCount';
import type { RunState, WorkerEvent } from '../protocol';
import { evaluate } from './evaluate';
import { splitsForRun } from './holdout';
import { RunControl, yieldToEventLoop } from './runControl';
import { learningRateAt, runLength, warmupIsOver, warmupLearningRate } from './schedule';
import { Throughput } from './throughput';
import { TrainingEngine } from './trainStep';

/** Tensors alive and the GPU memory tfjs holds (numBytesInGPU on WebGPU and WebGL; null on the CPU backend). */
function memoryHeld(): { tensorsAlive: number; gpuBytes: number | null } {
  const memory = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  const bytes = memory.numBytesInGPU;
  return { tensorsAlive: memory.numTensors, gpuBytes: typeof bytes === 'number' && Number.isFinite(bytes) ? bytes : null };
}

export interface TrainingData {
  train: CifarSplit;
  test: CifarSplit;
  /** Per-pixel mean of the training images, CHW (§4.2). */
  meanImage: Float32Array;
}

export type TrainerEvent = Extract<
  WorkerEvent,
  { type: 'runStarted' | 'trainProgress' | 'evaluationStarted' | 'evaluation' | 'runState' }
>;

export interface TrainerOptions {
  /** Events are coalesced so the UI gets at most one trainProgress per interval (ms). 100 ms = 10 Hz.
   *  Not during the warm-up: its windows are read every readEvery steps, whatever the clock says. */
  minReportIntervalMs?: number;
  /** Training-error points per epoch on the chart (the loop reads metrics back this often, at most). */
  pointsPerEpoch?: number;
}

/** The seed for shuffling and augmentation is derived from the run seed but differs from the init seed. */
const DATA_SEED_OFFSET = 0x9e3779b9;

class DivergenceError extends Error {}

/** Trains one network; resolves with how the run ended. Throws only for programming errors. */
export async function train(
  runId: string,
  config: TrainConfig,
  data: TrainingData,
  emit: (event: TrainerEvent) => void,
  control: RunControl,
  options: TrainerOptions = {},
): Promise<RunState> {
  const errors = validateConfig(config);
  if (Object.keys(errors).length > 0) {
    emit({ type: 'runState', runId, state: 'failed', message: `Invalid configuration: ${describeConfigErrors(errors)}` });
    return 'failed';
  }
  const minReportIntervalMs = options.minReportIntervalMs ?? 100;
  const length = runLength(config, data.train.count, data.test.count);
  const { iterationsPerEpoch: perEpoch, totalIterations, trainImages, evalImages } = length;
  if (perEpoch === 0) {
    const message = `The run has ${trainImages} training images, fewer than one batch of ${config.batchSize}: nothing to train.`;
    emit({ type: 'runState', runId, state: 'failed', message });
    return 'failed';
  }
  const splits = splitsForRun(data, config.validationSplit);
  const readEvery = Math.max(1, Math.ceil(perEpoch / (options.pointsPerEpoch ?? 20)));
  const evalPoints = new Set(length.evaluationIterations);

  let engine: TrainingEngine | null = null;
  try {
    engine = new TrainingEngine(config, splits.meanImage);
    const { network, metrics } = engine;
    emit({
      type: 'runStarted',
      runId,
      config,
      trainableParameters: countTrainableParameters(network),
      iterationsPerEpoch: perEpoch,
      totalIterations,
      lrDropIterations: length.lrDropIterations,
      evaluatedOn: length.evaluatedOn,
    });
    emit({ type: 'runState', runId, state: 'running' });

    const rng = new Random((config.seed + DATA_SEED_OFFSET) >>> 0);
    const order = Int32Array.from({ length: trainImages }, (_, i) => i);
    const throughput = new Throughput();
    let lastReportAt = -Infinity;
    throughput.record(0, performance.now());
    // §4.2 ResNet-110: lr/10 until a metrics window's training error is below 80%, then the schedule.
    let warmingUp = config.warmup;

    for (let iteration = 0; iteration < totalIterations; iteration++) {
      const stepInEpoch = iteration % perEpoch;
      if (stepInEpoch === 0) shuffleInPlace(order, rng);
      const indices = order.subarray(stepInEpoch * config.batchSize, (stepInEpoch + 1) * config.batchSize);
      const batch = engine.input.prepare(splits.train, indices, config.augment ? rng : null);
      const learningRate = warmingUp
        ? warmupLearningRate(config.learningRate)
        : learningRateAt(iteration, totalIterations, config.learningRate);
      engine.step(batch, learningRate);

      const done = iteration + 1;
      const isLast = done === totalIterations;
      const mustEvaluate = evalPoints.has(done);
      // A point is due every readEvery steps, coalesced to one per report interval (at most ~10 events/s);
      // the end, an evaluation, a pause or a stop always reads what has been summed on the GPU. During the
      // warm-up no coalescing: the windows, hence the iteration where it ends, must not depend on the clock.
      const mustReport = isLast || mustEvaluate || control.isPaused || control.isStopped;
      const pointDue =
        metrics.pendingSteps >= readEvery && (warmingUp || performance.now() - lastReportAt >= minReportIntervalMs);
      if (mustReport || pointDue) {
        const window = await metrics.readAndReset();
        if (!Number.isFinite(window.meanLoss)) {
          throw new DivergenceError(
            `Training diverged at iteration ${done}: the loss became ${window.meanLoss}. Try a smaller learning rate.`,
          );
        }
        throughput.record(done, performance.now());
        lastReportAt = performance.now();
        emit({
          type: 'trainProgress',
          runId,
          iteration: done,
          epoch: done / perEpoch,
          trainError: window.errorPercent,
          trainLoss: window.meanLoss,
          learningRate,
          imagesPerSecond: throughput.stepsPerSecond() * config.batchSize,
          etaSeconds: throughput.secondsFor(totalIterations - done),
          ...memoryHeld(),
        });
        if (warmingUp && warmupIsOver(window.errorPercent)) warmingUp = false;
      }
      if (mustEvaluate) {
        emit({ type: 'evaluationStarted', runId, iteration: done, images: evalImages });
        const result = await evaluate(network, engine.input, splits.evaluation, evalImages, () => control.isStopped);
        if (result) {
          emit({ type: 'evaluation', runId, iteration: done, epoch: done / perEpoch, testError: result.errorPercent, testLoss: result.loss });
        }
        throughput.skipPause(performance.now());
      }

      await yieldToEventLoop();
      if (control.isPaused) {
        emit({ type: 'runState', runId, state: 'paused' });
        await control.waitWhilePaused();
        throughput.skipPause(performance.now());
        if (!control.isStopped) emit({ type: 'runState', runId, state: 'running' });
      }
      if (control.isStopped) {
        emit({ type: 'runState', runId, state: 'stopped', message: `Stopped at iteration ${done} of ${totalIterations}.` });
        return 'stopped';
      }
    }
    emit({ type: 'runState', runId, state: 'finished' });
    return 'finished';
  } catch (error) {
    const message = error instanceof DivergenceError ? error.message : `Training failed: ${describe(error)}`;
    emit({ type: 'runState', runId, state: 'failed', message });
    return 'failed';
  } finally {
    engine?.dispose();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
