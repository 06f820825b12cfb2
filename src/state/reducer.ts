// The UI's state as a pure function of worker events and user actions.
import type { TrainConfig } from '../config';
import { assertNever, type WorkerEvent } from '../protocol';
import { isActive, type AppState, type Notice, type Run } from './appState';

export type UiAction =
  | { type: 'runRequested'; runId: string; config: TrainConfig }
  | { type: 'runRemoved'; runId: string }
  | { type: 'notice'; scope: Notice['scope']; message: string }
  | { type: 'noticeDismissed'; id: number }
  /** The worker died (an uncaught error, out of memory): whatever was training has ended. */
  | { type: 'workerCrashed'; message: string };

export type Action = WorkerEvent | UiAction;

function updateRun(state: AppState, runId: string, change: (run: Run) => Run): AppState {
  if (!state.runs.some((run) => run.id === runId)) return state;
  return { ...state, runs: state.runs.map((run) => (run.id === runId ? change(run) : run)) };
}

function addNotice(state: AppState, scope: Notice['scope'], message: string): AppState {
  // The same message twice in a row is shown once.
  const last = state.notices[state.notices.length - 1];
  if (last && last.message === message && last.scope === scope) return state;
  return { ...state, notices: [...state.notices, { id: state.nextNoticeId, scope, message }], nextNoticeId: state.nextNoticeId + 1 };
}

export function reduce(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'runRequested':
      return { ...state, runs: [...state.runs, { id: action.runId, config: action.config, state: 'starting', train: [], test: [] }] };
    case 'runRemoved':
      return { ...state, runs: state.runs.filter((run) => run.id !== action.runId) };
    case 'notice':
      return addNotice(state, action.scope, action.message);
    case 'noticeDismissed':
      return { ...state, notices: state.notices.filter((notice) => notice.id !== action.id) };
    case 'workerCrashed': {
      const ended = state.runs.map((run) => (isActive(run) ? { ...run, state: 'failed' as const, message: action.message } : run));
      return addNotice({ ...state, runs: ended }, 'training', action.message);
    }
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
      }));
    case 'trainProgress':
      return updateRun(state, action.runId, (run) => ({
        ...run,
        train: [
          ...run.train,
          { iteration: action.iteration, epoch: action.epoch, trainError: action.trainError, trainLoss: action.trainLoss },
        ],
        live: {
          iteration: action.iteration,
          epoch: action.epoch,
          learningRate: action.learningRate,
          imagesPerSecond: action.imagesPerSecond,
          etaSeconds: action.etaSeconds,
          tensorsAlive: action.tensorsAlive,
        },
      }));
    case 'evaluationStarted':
      return updateRun(state, action.runId, (run) => ({ ...run, evaluatingImages: action.images }));
    case 'evaluation':
      return updateRun(state, action.runId, (run) => ({
        ...run,
        evaluatingImages: undefined,
        test: [...run.test, { iteration: action.iteration, epoch: action.epoch, testError: action.testError, testLoss: action.testLoss }],
      }));
    case 'runState': {
      const updated = updateRun(state, action.runId, (run) => ({
        ...run,
        state: action.state,
        message: action.message,
        evaluatingImages: action.state === 'running' || action.state === 'paused' ? run.evaluatingImages : undefined,
      }));
      return action.state === 'failed' && action.message ? addNotice(updated, 'training', action.message) : updated;
    }
    case 'error':
      return addNotice(state, action.scope, action.message);
    default:
      return assertNever(action);
  }
}
