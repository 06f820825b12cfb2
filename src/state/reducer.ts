// The UI's state as a pure function of worker events and user actions.
import type { CheckpointCurve, CheckpointInfo } from '../checkpoint/checkpoint';
import type { TrainConfig } from '../config';
import type { DiagnosticsLayout, EvaluationSample, Predictions, RunDiagnostics, TrainingSample } from '../diagnostics/diagnostics';
import { runTimedSpeed } from '../engine/runTimedSpeed';
import { speedKey } from '../engine/speedKey';
import { assertNever, type RunProgress, type WorkerEvent } from '../protocol';
import { confusionProblem, layoutProblem, predictionsProblem, trainingSampleProblem } from './runDiagnosticsSchema';
import { isFinitePoint, TEST_POINT_VALUES, TRAIN_POINT_VALUES } from './runCurves';
import { boundedLabel, MAX_MESSAGE, MAX_NAME } from './runFieldBounds';
import { isActive, isQueued, isResumable, type AppState, type LiveProgress, type Notice, type Run } from './appState';

export interface QueuedRunRequest {
  runId: string;
  config: TrainConfig;
  experimentId?: string;
}

export type UiAction =
  /** Runs join the end of the queue, in order; `createdAt` is ms since 1970 (passed in: the reducer is pure). */
  | { type: 'runsQueued'; runs: QueuedRunRequest[]; createdAt: number }
  /** The queue handed this run to the worker. */
  | { type: 'runStarting'; runId: string }
  /** Deletes a run that is not training (a queued one leaves the queue). */
  | { type: 'runRemoved'; runId: string }
  /** An empty label goes back to the network's name. */
  | { type: 'runRenamed'; runId: string; label: string }
  | { type: 'runVisibilitySet'; runId: string; hidden: boolean }
  /** Moves a queued run one place earlier (-1) or later (+1) among the queued runs. */
  | { type: 'queuedRunMoved'; runId: string; offset: -1 | 1 }
  | { type: 'queuePaused' }
  | { type: 'queueResumed' }
  /** Removes every queued run; the one training is not touched. */
  | { type: 'queueCancelled' }
  /** Runs read back from IndexedDB at start-up (see runHistory.ts). */
  | { type: 'historyRestored'; runs: Run[] }
  /** Runs read from someone's JSON export (already validated and given fresh ids). */
  | { type: 'runsImported'; runs: Run[] }
  | { type: 'notice'; scope: Notice['scope']; message: string; actions?: Notice['actions'] }
  | { type: 'noticeDismissed'; id: number }
  /** The user pressed Resume: the run goes back into the queue, to continue from its checkpoint. */
  | { type: 'runResumeRequested'; runId: string }
  /** The checkpoints found in storage at start-up (checkpointSync.ts). */
  | { type: 'checkpointsListed'; checkpoints: CheckpointInfo[] }
  /** The worker died (an uncaught error, out of memory): whatever was training has ended. */
  | { type: 'workerCrashed'; message: string }
  /** Another tab started training `run` (a snapshot of it as it starts): it is shown here as it trains there. */
  | { type: 'remoteRunStarting'; run: Run }
  /** Another tab's answer to a tab that just opened: the run it trains, as it is now (curves, state, progress). */
  | { type: 'remoteRunSnapshot'; run: Run }
  /** No tab trains any more (the training tab finished, or was closed): a remote run still active here was
   *  interrupted with that tab. */
  | { type: 'remoteTrainingEnded'; message: string }
  /** A new worker replaced a lost one (trainingClient.ts): it chooses its backend again, and the run that was
   *  training is being resumed in it (or ends with workerCrashed). */
  | { type: 'workerReplaced' }
  /** The user pressed Stop for this run: "Stopping…" until the worker says it stopped. */
  | { type: 'runStopRequested'; runId: string };

export type Action = WorkerEvent | UiAction;

function updateRun(state: AppState, runId: string, change: (run: Run) => Run): AppState {
  if (!state.runs.some((run) => run.id === runId)) return state;
  return { ...state, runs: state.runs.map((run) => (run.id === runId ? change(run) : run)) };
}

/** The run's curves up to and including `iteration`, with the points of `carried` (the checkpoint's curve) they
 *  lack: the stored curve may end before the checkpoint (it is written every few seconds, the checkpoint by the
 *  worker), and what it lacks is not trained again. */
function trimmedAfter(run: Run, iteration: number, carried?: CheckpointCurve): Pick<Run, 'train' | 'test'> {
  const upTo = <T extends { iteration: number }>(points: readonly T[], more: readonly T[] = []): T[] => {
    const kept = points.filter((p) => p.iteration <= iteration);
    const have = new Set(kept.map((p) => p.iteration));
    const added = more.filter((p) => p.iteration <= iteration && !have.has(p.iteration));
    return added.length === 0 ? kept : [...kept, ...added].sort((a, b) => a.iteration - b.iteration);
  };
  return { train: upTo(run.train, carried?.train), test: upTo(run.test, carried?.test) };
}

/** The run's diagnostics up to and including `iteration` (trimmedAfter's rule; predictions of a later
 *  evaluation go too). */
function diagnosticsUpTo(diagnostics: RunDiagnostics, iteration: number): RunDiagnostics {
  const { predictions, ...rest } = diagnostics;
  return {
    ...rest,
    training: diagnostics.training.filter((sample) => sample.iteration <= iteration),
    evaluations: diagnostics.evaluations.filter((evaluation) => evaluation.iteration <= iteration),
    ...(predictions && predictions.iteration <= iteration ? { predictions } : {}),
  };
}

function sameLayout(a: DiagnosticsLayout, b: DiagnosticsLayout): boolean {
  const same = <T>(x: readonly T[], y: readonly T[], keys: readonly (keyof T)[]) => x.length === y.length && x.every((row, i) => keys.every((key) => row[key] === y[i][key]));
  return same(a.gradientLayers, b.gradientLayers, ['name', 'kind', 'stage']) && same(a.responseLayers, b.responseLayers, ['name', 'stage', 'kernelSize']);
}

/** A started run's diagnostics: empty ones for the layout the worker measures; a resumed run keeps what it
 *  measured up to its checkpoint (trimmedAfter's rule), unless the layers differ (a new layout starts over). A
 *  layout the stored-run check would refuse is not taken: the run would lose it at the next reload. */
function startedDiagnostics(run: Run, layout: DiagnosticsLayout | undefined, resumedFrom: number | undefined): RunDiagnostics | undefined {
  const kept = resumedFrom !== undefined && run.diagnostics ? diagnosticsUpTo(run.diagnostics, resumedFrom) : run.diagnostics;
  if (!layout || layoutProblem(layout) !== null) return kept;
  if (resumedFrom !== undefined && kept && sameLayout(kept.layout, layout)) return kept;
  return { layout, training: [], evaluations: [] };
}

/** `list` with `item` last: iterations strictly increase (what the stored-run check requires), so an item at
 *  or before the last one replaces those from its iteration on (measured again). */
function appended<T extends { iteration: number }>(list: readonly T[], item: T): T[] {
  const last = list[list.length - 1];
  return last === undefined || last.iteration < item.iteration ? [...list, item] : [...list.filter((old) => old.iteration < item.iteration), item];
}

/** A trainProgress event's diagnostics added to the run's. A sample the stored-run check would refuse (a
 *  diverging run's infinite norm, a length other than the layout's) is left out, a gap in the charts: kept,
 *  it would cost the run all of its diagnostics at the next reload. */
function withTrainingSample(diagnostics: RunDiagnostics | undefined, iteration: number, measured: { gradientNorms: number[]; responseStds: number[] } | undefined): RunDiagnostics | undefined {
  if (!diagnostics || !measured) return diagnostics;
  const sample: TrainingSample = { iteration, gradientNorms: measured.gradientNorms, responseStds: measured.responseStds };
  if (trainingSampleProblem(sample, diagnostics.layout) !== null) return diagnostics;
  return { ...diagnostics, training: appended(diagnostics.training, sample) };
}

/** An evaluation event's confusion matrix and predictions added to the run's diagnostics (the predictions
 *  replace the previous evaluation's); what the stored-run check would refuse is left out. */
function withEvaluation(diagnostics: RunDiagnostics | undefined, iteration: number, confusion: number[] | undefined, predictions: Predictions | undefined): RunDiagnostics | undefined {
  if (!diagnostics) return diagnostics;
  let next = diagnostics;
  if (confusion && Number.isSafeInteger(iteration) && iteration >= 0 && confusionProblem(confusion) === null) {
    const evaluation: EvaluationSample = { iteration, confusion };
    next = { ...next, evaluations: appended(next.evaluations, evaluation) };
  }
  if (predictions && predictionsProblem(predictions) === null) next = { ...next, predictions };
  return next;
}

/** A run without diagnostics has no `diagnostics` field (not one set to undefined), like a stored or imported one. */
function diagnosticsField(diagnostics: RunDiagnostics | undefined): Pick<Run, 'diagnostics'> {
  return diagnostics === undefined ? {} : { diagnostics };
}

function addNotice(state: AppState, scope: Notice['scope'], message: string, actions?: Notice['actions']): AppState {
  // The same message twice in a row is shown once.
  const last = state.notices[state.notices.length - 1];
  if (last && last.message === message && last.scope === scope) return state;
  const notice: Notice = actions ? { id: state.nextNoticeId, scope, message, actions } : { id: state.nextNoticeId, scope, message };
  return { ...state, notices: [...state.notices, notice], nextNoticeId: state.nextNoticeId + 1 };
}

function moveQueuedRun(state: AppState, runId: string, offset: -1 | 1): AppState {
  const queuedIndexes = state.runs.flatMap((run, index) => (isQueued(run) ? [index] : []));
  const position = queuedIndexes.findIndex((index) => state.runs[index].id === runId);
  const target = position + offset;
  if (position < 0 || target < 0 || target >= queuedIndexes.length) return state;
  const runs = [...state.runs];
  const [a, b] = [queuedIndexes[position], queuedIndexes[target]];
  [runs[a], runs[b]] = [runs[b], runs[a]];
  return { ...state, runs };
}

export function reduce(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'runsQueued': {
      const queued: Run[] = action.runs.map((request) => ({
        id: request.runId,
        config: request.config,
        experimentId: request.experimentId,
        state: 'queued',
        createdAt: action.createdAt,
        train: [],
        test: [],
      }));
      return { ...state, runs: [...state.runs, ...queued] };
    }
    case 'runStarting':
      return updateRun(state, action.runId, (run) => (run.state === 'queued' ? { ...run, state: 'starting' } : run));
    case 'runRemoved': {
      const runs = state.runs.filter((run) => run.id !== action.runId || isActive(run));
      if (runs.length === state.runs.length) return state;
      // Its checkpoint goes with it (checkpointSync.ts deletes it from storage).
      const { [action.runId]: _removed, ...checkpoints } = state.checkpoints;
      return { ...state, runs, checkpoints };
    }
    case 'runRenamed': {
      const label = boundedLabel(action.label);
      return updateRun(state, action.runId, (run) => ({ ...run, label: label === '' ? undefined : label }));
    }
    case 'runVisibilitySet':
      return updateRun(state, action.runId, (run) => ({ ...run, hidden: action.hidden || undefined }));
    case 'queuedRunMoved':
      return moveQueuedRun(state, action.runId, action.offset);
    case 'runResumeRequested': {
      const run = state.runs.find((candidate) => candidate.id === action.runId);
      if (!run || !isResumable(state, run)) return state;
      // Pressing Resume is a request to train now: the queue goes on (with this run first if it is oldest).
      return {
        ...updateRun(state, action.runId, (r) => ({ ...r, state: 'queued', message: undefined })),
        queuePaused: false,
        // An earlier Stop of this run was confirmed: it does not stop the resumed run.
        stopRequestedRunId: state.stopRequestedRunId === action.runId ? null : state.stopRequestedRunId,
      };
    }
    case 'checkpointsListed':
      // What the worker reported meanwhile is newer than the list.
      return { ...state, checkpoints: { ...Object.fromEntries(action.checkpoints.map((info) => [info.runId, info])), ...state.checkpoints } };
    case 'checkpointSaved':
      return {
        ...state,
        checkpoints: { ...state.checkpoints, [action.runId]: { runId: action.runId, iteration: action.iteration, bytes: action.bytes, savedAt: Date.now() } },
      };
    case 'runTimed': {
      // What the finished run took here replaces the probe's speed for its network (runTimedSpeed.ts).
      const run = state.runs.find((candidate) => candidate.id === action.runId);
      if (!run || !state.backend) return state;
      const key = speedKey(run.config, state.backend.name);
      const timed = runTimedSpeed(action, state.speeds[key]);
      return timed ? { ...state, speeds: { ...state.speeds, [key]: { ...timed, measuredAt: Date.now() } } } : state;
    }
    case 'checkpointDeleted': {
      if (!(action.runId in state.checkpoints)) return state;
      const { [action.runId]: _deleted, ...kept } = state.checkpoints;
      return { ...state, checkpoints: kept };
    }
    case 'queuePaused':
      return { ...state, queuePaused: true };
    case 'queueResumed':
      return { ...state, queuePaused: false };
    case 'queueCancelled':
      return { ...state, runs: state.runs.filter((run) => !isQueued(run)) };
    case 'historyRestored': {
      const present = new Set(state.runs.map((run) => run.id));
      const restored = action.runs.filter((run) => !present.has(run.id));
      // Runs queued before a reload wait for the user: nothing starts behind their back.
      const queuePaused = state.queuePaused || restored.some(isQueued);
      return { ...state, runs: [...restored, ...state.runs], historyLoaded: true, queuePaused };
    }
    case 'runsImported':
      return { ...state, runs: [...state.runs, ...action.runs] };
    case 'notice':
      return addNotice(state, action.scope, action.message, action.actions);
    case 'noticeDismissed':
      return { ...state, notices: state.notices.filter((notice) => notice.id !== action.id) };
    case 'workerCrashed': {
      const ended = state.runs.map((run) => (isActive(run) && run.id !== state.remoteRunId ? { ...run, state: 'failed' as const, message: action.message.slice(0, MAX_MESSAGE) } : run));
      return addNotice({ ...state, runs: ended, queuePaused: true }, 'training', action.message);
    }
    case 'remoteRunStarting': {
      const run: Run = { ...action.run, state: 'starting', live: undefined, phase: undefined, evaluatingImages: undefined };
      const known = state.runs.some((candidate) => candidate.id === run.id);
      const runs = known ? state.runs.map((candidate) => (candidate.id === run.id ? run : candidate)) : [...state.runs, run];
      return { ...state, runs, remoteRunId: run.id };
    }
    case 'remoteRunSnapshot': {
      // This tab restored the run as interrupted (or has not read it yet): the training tab's copy replaces it.
      const known = state.runs.some((run) => run.id === action.run.id);
      const runs = known ? state.runs.map((run) => (run.id === action.run.id ? action.run : run)) : [...state.runs, action.run];
      return { ...state, runs, remoteRunId: action.run.id };
    }
    case 'remoteTrainingEnded': {
      const runId = state.remoteRunId;
      if (runId === null) return state;
      const ended = updateRun(state, runId, (run) => (isActive(run) ? { ...run, state: 'stopped', message: action.message, live: undefined, phase: undefined, evaluatingImages: undefined } : run));
      return { ...ended, remoteRunId: null };
    }
    case 'workerReplaced': {
      const runs = state.runs.map((run) =>
        isActive(run) && run.id !== state.remoteRunId ? { ...run, state: 'starting' as const, live: undefined, phase: undefined, evaluatingImages: undefined } : run,
      );
      return { ...state, runs, backend: null };
    }
    case 'runStopRequested':
      return { ...state, stopRequestedRunId: action.runId };
    case 'heartbeat':
    case 'deviceLost':
      return state; // the training client acts on these; nothing to show
    case 'backend':
      return { ...state, backend: { name: action.backend, detail: action.detail, fallbackReasons: action.fallbackReasons } };
    case 'data':
      return { ...state, data: action.status };
    case 'runStarted':
      return updateRun(state, action.runId, (run) => ({
        ...run,
        config: action.config,
        trainableParameters: action.trainableParameters,
        iterationsPerEpoch: action.iterationsPerEpoch,
        totalIterations: action.totalIterations,
        lrDropIterations: action.lrDropIterations,
        backend: state.backend ? { name: state.backend.name, detail: state.backend.detail.slice(0, MAX_NAME) } : undefined,
        // Resumed: what was plotted after the checkpoint is trained again, and plotted again.
        ...(action.resumedFrom === undefined ? {} : trimmedAfter(run, action.resumedFrom, action.resumedCurve)),
        ...diagnosticsField(startedDiagnostics(run, action.diagnosticsLayout, action.resumedFrom)),
      }));
    case 'trainProgress':
      // A point that is not finite would cost the run its record at the next reload (runCurves.ts refuses it):
      // the trainer stops a diverged run before one, and if one came all the same it is left out (issue 19).
      if (!isFinitePoint(action, TRAIN_POINT_VALUES)) return updateRun(state, action.runId, (run) => ({ ...run, phase: undefined, live: liveProgress(action) }));
      return updateRun(state, action.runId, (run) => ({
        ...run,
        phase: undefined,
        train: [
          ...run.train,
          {
            iteration: action.iteration,
            epoch: action.epoch,
            trainError: action.trainError,
            trainLoss: action.trainLoss,
            learningRate: action.learningRate,
          },
        ],
        ...diagnosticsField(withTrainingSample(run.diagnostics, action.iteration, action.diagnostics)),
        live: liveProgress(action),
      }));
    case 'trainTick':
      return updateRun(state, action.runId, (run) => ({
        ...run,
        phase: undefined,
        live: liveProgress(action),
      }));
    case 'runPhase':
      return updateRun(state, action.runId, (run) => ({ ...run, phase: action.phase }));
    case 'evaluationStarted':
      return updateRun(state, action.runId, (run) => ({ ...run, evaluatingImages: action.images }));
    case 'evaluation':
      // Left out with its confusion matrix when not finite, as a training point is.
      if (!isFinitePoint(action, TEST_POINT_VALUES)) return updateRun(state, action.runId, (run) => ({ ...run, evaluatingImages: undefined }));
      return updateRun(state, action.runId, (run) => ({
        ...run,
        evaluatingImages: undefined,
        test: [...run.test, { iteration: action.iteration, epoch: action.epoch, testError: action.testError, testLoss: action.testLoss }],
        ...diagnosticsField(withEvaluation(run.diagnostics, action.iteration, action.confusion, action.predictions)),
      }));
    case 'runState': {
      const before = state.runs.find((run) => run.id === action.runId);
      // A stop is the user's (or a lost device's): the queue waits. A run refused before it was built (no data,
      // no backend) pauses it too, or every queued run would be refused in turn. A divergence does not.
      const pauseQueue = action.state === 'stopped' || (action.state === 'failed' && before?.trainableParameters === undefined);
      const ended = action.state === 'stopped' || action.state === 'finished' || action.state === 'failed';
      const remoteRunId = ended && state.remoteRunId === action.runId ? null : state.remoteRunId;
      const updated = updateRun({ ...state, remoteRunId, queuePaused: state.queuePaused || pauseQueue }, action.runId, (run) => ({
        ...run,
        state: action.state,
        // Bounded as a stored record's message is (runFieldBounds.ts): a long error must not make the run unreadable.
        message: action.message?.slice(0, MAX_MESSAGE),
        evaluatingImages: action.state === 'running' || action.state === 'paused' ? run.evaluatingImages : undefined,
      }));
      return action.state === 'failed' && action.message ? addNotice(updated, 'training', action.message) : updated;
    }
    case 'deviceReport':
      return state; // the report goes to the dialog that asked (trainingClient.requestDeviceReport), not to the store
    case 'images':
      return state; // pixels go to the view that asked (trainingClient.requestImages), not to the store
    case 'initialWeights':
      return state; // the file goes to the dialog that asked (trainingClient.requestInitialWeights), not to the store
    case 'speedMeasured':
      // A refusal or failure is only the requester's business (trainingClient resolves it); nothing to keep.
      if ('error' in action) return state;
      return {
        ...state,
        speeds: {
          ...state.speeds,
          [action.key]: {
            msPerStep: action.msPerStep,
            msPerEvalImage: action.msPerEvalImage,
            evaluationEstimated: action.evaluationEstimated,
            measuredAt: action.measuredAt,
            ...(action.msBuild !== undefined ? { msBuild: action.msBuild } : {}),
            ...(action.msCompile !== undefined ? { msCompile: action.msCompile } : {}),
            ...(action.msEvaluationCompile !== undefined ? { msEvaluationCompile: action.msEvaluationCompile } : {}),
            ...(action.msPerSample !== undefined ? { msPerSample: action.msPerSample } : {}),
            ...(action.msPerCheckpoint !== undefined ? { msPerCheckpoint: action.msPerCheckpoint } : {}),
            // speedMemory.ts restores stored measurements with requestId 'remembered': another page measured those.
            measuredThisPage: action.requestId !== 'remembered',
          },
        },
      };
    case 'kernelsTimed':
      return { ...state, kernelTimings: { adapter: action.adapter, choices: action.choices, result: action.result } };
    case 'error':
      // A backend failure (e.g. GPU device lost) would fail every queued run: the queue waits.
      return addNotice(action.scope === 'backend' ? { ...state, queuePaused: true } : state, action.scope, action.message);
    default:
      return assertNever(action);
  }
}

/** The progress fields of a trainProgress or trainTick event: what the status bar shows. */
function liveProgress(event: RunProgress): LiveProgress {
  const { iteration, epoch, learningRate, imagesPerSecond, etaSeconds, tensorsAlive, gpuBytes } = event;
  return { iteration, epoch, learningRate, imagesPerSecond, etaSeconds, tensorsAlive, gpuBytes };
}
