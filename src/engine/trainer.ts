// The training loop. A plain module: it does not know it runs in a worker, so Node tests run it too.
// It owns every tensor it makes and disposes them all, whatever way the run ends.
import * as tf from '@tensorflow/tfjs';
import { checkpointBytes, sameConfig, type Checkpoint, type CheckpointCurve, type CheckpointInfo } from '../checkpoint/checkpoint';
import { checkpointFitProblem, checkpointProblem } from '../checkpoint/checkpointCheck';
import type { CheckpointCheck, LoadedCheckpoint } from '../checkpoint/checkpointStore';
import type { TrainConfig } from '../config';
import { describeConfigErrors, validateConfig } from '../configValidation';
import type { CifarSplit } from '../data/cifarFormat';
import { Random, shuffleInPlace } from '../data/random';
import { withinTimeout } from '../storage/indexedDb';
import { countTrainableParameters } from '../model/parameterCount';
import type { RunProgress, RunState, WorkerEvent } from '../protocol';
import { CheckpointCadence } from './checkpointCadence';
import { captureTensors, restoreTensors, tensorLayout } from './checkpointing';
import { evaluate } from './evaluate';
import { splitsForRun } from './holdout';
import { RunControl, yieldToEventLoop } from './runControl';
import { learningRateAt, runLength, warmupIsOver, warmupLearningRate } from './schedule';
import { Throughput } from './throughput';
import { TrainingEngine } from './trainStep';
import type { AutotuneResult } from '../model/kernels/autotune';

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
  { type: 'runStarted' | 'runPhase' | 'trainProgress' | 'trainTick' | 'evaluationStarted' | 'evaluation' | 'runState' | 'checkpointSaved' | 'checkpointDeleted' | 'error' | 'runTimed' }
>;

/** Where checkpoints go (checkpointStore.ts in the browser; a recorder in tests). */
export interface CheckpointSink {
  save(checkpoint: Checkpoint): Promise<CheckpointInfo>;
  delete(runId: string): Promise<void>;
}

/** Gives the run's newest checkpoint that passes `check` (checkpointStore.load: the newest slot, else the older). */
export type CheckpointLoader = (check: CheckpointCheck) => Promise<LoadedCheckpoint>;

export interface TrainerOptions {
  /** Events are coalesced so the UI gets at most one trainProgress per interval (ms). 100 ms = 10 Hz.
   *  Not during the warm-up: its windows are read every readEvery steps, whatever the clock says. */
  minReportIntervalMs?: number;
  /** Training-error points per epoch on the chart (the loop reads metrics back this often, at most). */
  pointsPerEpoch?: number;
  /** Between points, a trainTick (steps done, speed, ETA) at least this often (ms) while steps finish. */
  tickIntervalMs?: number;
  /** Saves checkpoints at evaluations, pauses, stops and every so often (checkpointCadence.ts); none without. */
  checkpoints?: CheckpointSink | null;
  /** Continue instead of from iteration 0: from this checkpoint, or from what the loader finds, once it is
   *  checked against the built network and the run (checkpointCheck.ts). */
  resumeFrom?: Checkpoint | CheckpointLoader;
  /** With resumeFrom, for a checkpoint without a curve: evaluate at the checkpoint's iteration first, when it
   *  is an evaluation point (the UI lacks that evaluation). One with a curve knows this itself. */
  evaluateAtResume?: boolean;
  /** The least time between two checkpoints (ms); MIN_CHECKPOINT_INTERVAL_MS by default. */
  minCheckpointIntervalMs?: number;
  /** Gradient norms and layer responses with each chart point, the confusion matrix and top-3 predictions with
   *  each evaluation (diagnostics.ts); true by default. Off only to measure what they cost (the benchmark). */
  diagnostics?: boolean;
  /** After the first step, times this GPU's candidate kernels for the network's shapes that have no choice yet
   *  (autotune.ts) within budgetMs, and hands the result to onTimed (the worker keeps the choices for the page).
   *  Absent: the choices already set (kernelChoice.ts) or the defaults run. */
  kernelTuning?: { budgetMs: number; onTimed: (result: AutotuneResult) => void } | null;
}

/** The seed for shuffling and augmentation is derived from the run seed but differs from the init seed. */
const DATA_SEED_OFFSET = 0x9e3779b9;

/** The first chart point of a fresh run comes after this many steps rather than after a whole window (up to
 *  1/20 of an epoch, minutes on a slow device): the user sees the curve start at once. Fixed, not timed, so the
 *  windows (and the warm-up's end, decided per window) are the same in every run of the same settings. */
export const FIRST_POINT_STEPS = 3;

/** The UI hears how far the run is at least once a second (issue: "feedback within a second"). */
const TICK_INTERVAL_MS = 1_000;

/** A save that has not finished after this long (ms) is given up on, so a storage that hangs cannot stall training. */
const CHECKPOINT_SAVE_TIMEOUT_MS = 30_000;

class DivergenceError extends Error {}

/** Why a whole checkpoint belongs to another run or another dataset (not damage: kept, not deleted), or null. */
function resumeProblem(checkpoint: Checkpoint, runId: string, config: TrainConfig, trainImages: number): string | null {
  if (checkpoint.runId !== runId) return 'the checkpoint belongs to another run';
  if (!sameConfig(checkpoint.config, config)) return "the run's settings differ from the checkpoint's";
  if (checkpoint.trainImages !== trainImages) {
    return `the checkpoint was trained on ${checkpoint.trainImages} images, the dataset loaded now gives ${trainImages}`;
  }
  return null;
}

/** A loader for one given checkpoint (tests, and callers that hold one). */
function loaderOf(checkpoint: Checkpoint): CheckpointLoader {
  return async (check) => {
    const problem = checkpointProblem(checkpoint) ?? check(checkpoint);
    return problem ? { checkpoint: null, problem: `the checkpoint cannot be used (${problem})` } : { checkpoint };
  };
}

/** The loop's CPU-side state, which a checkpoint saves beside the tensors. */
interface LoopState {
  rng: Random;
  /** This epoch's order of the training images. */
  order: Int32Array;
  /** §4.2 ResNet-110: lr/10 until a metrics window's training error is below 80%, then the schedule. */
  warmingUp: boolean;
}

function freshLoopState(config: TrainConfig, trainImages: number): LoopState {
  return {
    rng: new Random((config.seed + DATA_SEED_OFFSET) >>> 0),
    order: Int32Array.from({ length: trainImages }, (_, i) => i),
    warmingUp: config.warmup,
  };
}

function loopStateFrom(checkpoint: Checkpoint): LoopState {
  return { rng: Random.fromState(checkpoint.rngState), order: checkpoint.order.slice(), warmingUp: checkpoint.warmingUp };
}

/** Trains one network; resolves with how the run ended. Throws only for programming errors. */
export async function train(
  runId: string,
  config: TrainConfig,
  data: TrainingData,
  emitEvent: (event: TrainerEvent) => void,
  control: RunControl,
  options: TrainerOptions = {},
): Promise<RunState> {
  /** The points emitted so far (after a resume, the checkpoint's first): each checkpoint carries them. */
  const curve: CheckpointCurve = { train: [], test: [] };
  const emit = (event: TrainerEvent) => {
    if (event.type === 'trainProgress') {
      const { iteration, epoch, trainError, trainLoss, learningRate } = event;
      curve.train.push({ iteration, epoch, trainError, trainLoss, learningRate });
    } else if (event.type === 'evaluation') {
      const { iteration, epoch, testError, testLoss } = event;
      curve.test.push({ iteration, epoch, testError, testLoss });
    }
    emitEvent(event);
  };
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
  const tickIntervalMs = options.tickIntervalMs ?? TICK_INTERVAL_MS;
  const diagnostics = options.diagnostics ?? true;
  const evalPoints = new Set(length.evaluationIterations);

  let checkpoints = options.checkpoints ?? null;
  const cadence = new CheckpointCadence(performance.now(), options.minCheckpointIntervalMs);

  /** The checkpoint to resume from, checked completely against the built network and the run; null when none
   *  passes, after saying why where the user looks (the run's message). A damaged one is deleted, so the run
   *  stops offering a resume that would fail the same way; one of another dataset is kept. */
  const loadForResume = async (source: Checkpoint | CheckpointLoader, built: TrainingEngine): Promise<Checkpoint | null> => {
    const expected = { tensors: tensorLayout(built), totalIterations };
    let misfit: string | null = null;
    const check: CheckpointCheck = (checkpoint) => {
      const problem = resumeProblem(checkpoint, runId, config, trainImages);
      misfit ??= problem;
      return problem ?? checkpointFitProblem(checkpoint, expected);
    };
    const fail = (message: string) => (emit({ type: 'runState', runId, state: 'failed', message }), null);
    let loaded: LoadedCheckpoint;
    try {
      loaded = await (typeof source === 'function' ? source : loaderOf(source))(check);
    } catch (error) {
      return fail(`The run cannot resume: its checkpoint could not be read from this browser's storage (${describe(error)}).`);
    }
    if (loaded.checkpoint === null) {
      if (misfit) return fail(`The run cannot resume: ${misfit}.`);
      await checkpoints?.delete(runId).catch(() => undefined);
      emit({ type: 'checkpointDeleted', runId });
      return fail(`The run cannot resume: ${loaded.problem}. Its checkpoints were deleted; its curves are kept.`);
    }
    const { checkpoint, fellBack } = loaded;
    if (fellBack) emit({ type: 'error', scope: 'checkpoint', message: `Resumed from iteration ${checkpoint.iteration}, the older checkpoint: ${fellBack}.` });
    // The UI offered what the pointer said: after a fall-back (or a pointer that disagreed with its slot) it now
    // names the checkpoint the run resumes from, and would resume from again. Nothing was saved (saveMs 0).
    emit({ type: 'checkpointSaved', runId, iteration: checkpoint.iteration, bytes: checkpointBytes(checkpoint), saveMs: 0 });
    return checkpoint;
  };

  let engine: TrainingEngine | null = null;
  // Timing marks only (the runTimed report at the end): where this run's wall time went, in ms.
  const timing = { buildStartedAt: performance.now(), evaluationMs: [] as number[], checkpointMs: [] as number[], sampledSteps: 0 };
  try {
    emit({ type: 'runPhase', runId, phase: 'building' });
    engine = new TrainingEngine(config, splits.meanImage, { diagnostics, tuneKernels: options.kernelTuning != null });
    const { network, metrics } = engine;
    let resume: Checkpoint | undefined;
    if (options.resumeFrom) {
      const loaded = await loadForResume(options.resumeFrom, engine);
      if (!loaded) return 'failed';
      resume = loaded;
    }
    const firstIteration = resume?.iteration ?? 0;
    /** The iteration of the newest checkpoint written by this run (or the one it resumed from). */
    let lastGoodCheckpoint: number | null = resume ? resume.iteration : null;
    const loop = resume ? loopStateFrom(resume) : freshLoopState(config, trainImages);
    if (resume) restoreTensors(engine, resume.tensors);
    if (resume?.curve) {
      curve.train.push(...resume.curve.train);
      curve.test.push(...resume.curve.test);
    }
    emit({
      type: 'runStarted',
      runId,
      config,
      trainableParameters: countTrainableParameters(network),
      iterationsPerEpoch: perEpoch,
      totalIterations,
      lrDropIterations: length.lrDropIterations,
      evaluatedOn: length.evaluatedOn,
      ...(resume ? { resumedFrom: resume.iteration } : {}),
      ...(resume?.curve ? { resumedCurve: resume.curve } : {}),
      ...(engine.diagnostics ? { diagnosticsLayout: engine.diagnostics.plan.layout } : {}),
    });
    emit({ type: 'runState', runId, state: 'running' });

    /** Saves the state after `done` steps; false when the weights are no longer finite (nothing is saved then). */
    const saveCheckpoint = async (done: number): Promise<boolean> => {
      if (!checkpoints || !engine) return true;
      const startedAt = performance.now();
      const { tensors, finite } = await captureTensors(engine);
      if (!finite) return false;
      const checkpoint: Checkpoint = {
        runId,
        iteration: done,
        savedAt: Date.now(),
        config,
        trainImages,
        tensors,
        rngState: loop.rng.getState(),
        order: loop.order.slice(),
        warmingUp: loop.warmingUp,
        curve: { train: curve.train.slice(), test: curve.test.slice() },
      };
      try {
        const info = await withinTimeout(checkpoints.save(checkpoint), CHECKPOINT_SAVE_TIMEOUT_MS, 'save a checkpoint');
        const endedAt = performance.now();
        cadence.recordSave(startedAt, endedAt);
        timing.checkpointMs.push(endedAt - startedAt);
        lastGoodCheckpoint = done;
        emit({ type: 'checkpointSaved', runId, iteration: done, bytes: info.bytes, saveMs: endedAt - startedAt });
      } catch (error) {
        checkpoints = null; // one message: a full disk fails every later save too
        emit({ type: 'error', scope: 'checkpoint', message: checkpointFailedMessage(error) });
      }
      return true;
    };

    const throughput = new Throughput();
    let lastReportAt = -Infinity;
    /** When the UI last heard how far the run is (a point or a tick). */
    let lastHeardAt = performance.now();
    /** Where the run is after `done` steps, which the GPU has finished (a read or a wait came just before). */
    const progressAfter = (done: number, learningRate: number): RunProgress => {
      throughput.record(done, performance.now());
      lastHeardAt = performance.now();
      return {
        iteration: done,
        epoch: done / perEpoch,
        learningRate,
        imagesPerSecond: throughput.stepsPerSecond() * config.batchSize,
        etaSeconds: throughput.secondsFor(totalIterations - done),
        ...memoryHeld(),
      };
    };
    throughput.record(firstIteration, performance.now());

    const evaluateAt = async (done: number): Promise<void> => {
      emit({ type: 'evaluationStarted', runId, iteration: done, images: evalImages });
      const evaluationStartedAt = performance.now();
      const result = await evaluate(network, engine!.input, splits.evaluation, evalImages, () => control.isStopped, diagnostics);
      if (result && !(Number.isFinite(result.loss) && Number.isFinite(result.errorPercent))) {
        // The weights check comes only with the checkpoint after this evaluation, and a running statistic that
        // overflows in eval mode passes it: an evaluation that is not finite is the divergence, never emitted
        // (a NaN test loss stored with the run cost it its record at the next reload, issue 19).
        const { finite } = await captureTensors(engine!);
        const what = !finite ? 'a weight became NaN or infinite' : `the test ${Number.isFinite(result.loss) ? `error became ${result.errorPercent}` : `loss became ${result.loss}`}`;
        throw new DivergenceError(divergedMessage(done, what, lastGoodCheckpoint));
      }
      if (result) {
        const found = result.diagnostics;
        emit({
          type: 'evaluation',
          runId,
          iteration: done,
          epoch: done / perEpoch,
          testError: result.errorPercent,
          testLoss: result.loss,
          ...(found
            ? {
                confusion: found.confusion,
                predictions: {
                  iteration: done,
                  evaluatedOn: length.evaluatedOn,
                  top3Classes: found.top3Classes,
                  top3Percent: found.top3Percent,
                  labels: splits.evaluation.labels.slice(0, evalImages),
                },
              }
            : {}),
        });
      }
      throughput.skipPause(performance.now());
      cadence.skip(performance.now() - evaluationStartedAt);
      timing.evaluationMs.push(performance.now() - evaluationStartedAt);
    };
    // A run stopped during the evaluation at its checkpoint has none there: it evaluates again, so the
    // evaluation curve has no hole where the run resumed. A checkpoint's curve says whether it has one (the UI's
    // stored curve may lack one the checkpoint has: runStarted sends it); without a curve, the UI says.
    const lacksEvaluation = resume?.curve ? !resume.curve.test.some((point) => point.iteration === resume.iteration) : options.evaluateAtResume;
    if (resume && lacksEvaluation && evalPoints.has(resume.iteration)) await evaluateAt(resume.iteration);

    if (firstIteration < totalIterations) emit({ type: 'runPhase', runId, phase: 'firstStep' });
    const loopStartedAt = performance.now();
    const buildMs = loopStartedAt - timing.buildStartedAt;
    const evaluationsBeforeLoop = timing.evaluationMs.length;
    let pausedMs = 0;
    for (let iteration = firstIteration; iteration < totalIterations; iteration++) {
      const stepInEpoch = iteration % perEpoch;
      if (stepInEpoch === 0) shuffleInPlace(loop.order, loop.rng);
      const indices = loop.order.subarray(stepInEpoch * config.batchSize, (stepInEpoch + 1) * config.batchSize);
      const batch = engine.input.prepare(splits.train, indices, config.augment ? loop.rng : null);
      const learningRate = loop.warmingUp
        ? warmupLearningRate(config.learningRate)
        : learningRateAt(iteration, totalIterations, config.learningRate);

      const done = iteration + 1;
      const isLast = done === totalIterations;
      const mustEvaluate = evalPoints.has(done);
      // A point is due every readEvery steps, coalesced to one per report interval (at most ~10 events/s);
      // the end, an evaluation, a pause or a stop always reads what has been summed on the GPU. During the
      // warm-up no coalescing: the windows, hence the iteration where it ends, must not depend on the clock.
      // Decided BEFORE the step (nothing here changes until the next await), so the step that ends the window is
      // the one the diagnostics sample, and the sample comes back with the window's read.
      const windowSteps = done <= FIRST_POINT_STEPS && firstIteration === 0 ? Math.min(readEvery, FIRST_POINT_STEPS) : readEvery;
      const pointDue =
        metrics.pendingSteps + 1 >= windowSteps && (loop.warmingUp || performance.now() - lastReportAt >= minReportIntervalMs);
      const sampled = isLast || mustEvaluate || control.isPaused || control.isStopped || pointDue;
      engine.step(batch, learningRate, sampled);
      if (sampled) timing.sampledSteps += 1;
      if (engine.awaitsKernelTuning && options.kernelTuning) {
        // Once per network and GPU: the next step is recorded with what this GPU ran fastest.
        if (engine.untimedKernels.length > 0) emit({ type: 'runPhase', runId, phase: 'timingKernels' });
        options.kernelTuning.onTimed(await engine.tuneKernels(options.kernelTuning.budgetMs));
      }
      // A checkpoint that is due reads the window early (one more point on the chart, without diagnostics): on a
      // slow device a window can span many minutes, and a crash should lose at most about
      // MIN_CHECKPOINT_INTERVAL_MS of training. Decided after the step, as it goes by the clock. Not during the
      // warm-up, whose windows must not depend on the clock.
      const checkpointDue = checkpoints !== null && !loop.warmingUp && cadence.isDue(performance.now());
      const readWindow = sampled || checkpointDue;

      let windowRead = false;
      if (readWindow) {
        // Both reads start before either is awaited: one wait for the GPU serves the window and the sample.
        const [window, sample] = await Promise.all([metrics.readAndReset(), sampled ? engine.diagnostics?.read() : undefined]);
        windowRead = true;
        if (!Number.isFinite(window.meanLoss)) throw new DivergenceError(divergedMessage(done, `the loss became ${window.meanLoss}`, lastGoodCheckpoint));
        lastReportAt = performance.now();
        emit({
          type: 'trainProgress',
          runId,
          trainError: window.errorPercent,
          trainLoss: window.meanLoss,
          ...progressAfter(done, learningRate),
          ...(sample ? { diagnostics: sample } : {}),
        });
        if (loop.warmingUp && warmupIsOver(window.errorPercent)) loop.warmingUp = false;
      } else if (performance.now() - lastHeardAt >= tickIntervalMs) {
        // Waits for the GPU to finish the steps queued so far (no read of the window), so `done` is true.
        await metrics.waitForSubmittedSteps();
        emit({ type: 'trainTick', runId, ...progressAfter(done, learningRate) });
      }
      if (mustEvaluate) await evaluateAt(done);
      // Checkpoints only right after a window was read (the next window then starts empty, as it would have),
      // never at the end (a finished run needs none).
      const wantCheckpoint = mustEvaluate || control.isPaused || control.isStopped || checkpointDue;
      if (windowRead && !isLast && wantCheckpoint && !(await saveCheckpoint(done))) {
        throw new DivergenceError(divergedMessage(done, 'a weight became NaN or infinite', lastGoodCheckpoint));
      }

      await yieldToEventLoop();
      if (control.isPaused) {
        emit({ type: 'runState', runId, state: 'paused' });
        const pausedAt = performance.now();
        await control.waitWhilePaused();
        pausedMs += performance.now() - pausedAt;
        throughput.skipPause(performance.now());
        cadence.skip(performance.now() - pausedAt);
        if (!control.isStopped) emit({ type: 'runState', runId, state: 'running' });
      }
      if (control.isStopped) {
        const resumable = lastGoodCheckpoint === done ? ' It can resume from here.' : '';
        emit({ type: 'runState', runId, state: 'stopped', message: `Stopped at iteration ${done} of ${totalIterations}.${resumable}` });
        return 'stopped';
      }
    }
    const loopMs = performance.now() - loopStartedAt - pausedMs;
    const evaluationMs = timing.evaluationMs.slice(evaluationsBeforeLoop);
    emit({
      type: 'runTimed',
      runId,
      buildMs,
      steps: totalIterations - firstIteration,
      sampledSteps: timing.sampledSteps,
      trainingMs: loopMs - sumOf(evaluationMs) - sumOf(timing.checkpointMs),
      evaluationMs,
      evaluatedImages: evalImages,
      checkpointMs: timing.checkpointMs,
    });
    emit({ type: 'runState', runId, state: 'finished' });
    if (checkpoints && lastGoodCheckpoint !== null) {
      // A finished run has nothing to resume: its checkpoint only takes storage.
      await checkpoints.delete(runId).then(
        () => emit({ type: 'checkpointDeleted', runId }),
        () => undefined, // the UI removes checkpoints of finished runs at the next start-up
      );
    }
    return 'finished';
  } catch (error) {
    const message = error instanceof DivergenceError ? error.message : `Training failed: ${describe(error)}`;
    emit({ type: 'runState', runId, state: 'failed', message });
    return 'failed';
  } finally {
    engine?.dispose();
  }
}

/** §4.2: the paper's 110-layer network needed lr 0.01 until training error was below 80% to start converging. */
function divergedMessage(iteration: number, what: string, lastGoodCheckpoint: number | null): string {
  const kept = lastGoodCheckpoint === null ? '' : ` Its last good checkpoint (iteration ${lastGoodCheckpoint}) is kept.`;
  return (
    `Diverged at iteration ${iteration}: ${what}, so training stopped; nothing after it is plotted or saved.${kept} ` +
    'Try a smaller learning rate, or the warm-up (§4.2: lr 0.01 until training error is below 80%, as the paper did for 110 layers).'
  );
}

function sumOf(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function checkpointFailedMessage(error: unknown): string {
  const reason =
    error instanceof DOMException && error.name === 'QuotaExceededError'
      ? "this browser's storage for the page is full"
      : describe(error);
  return `Checkpoints cannot be saved (${reason}); training goes on without them, so a reload or crash would end this run where its last checkpoint was.`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
