import type { TrainConfig } from '../config';
import type { BackendName, DataStatus, RunState } from '../protocol';

export interface TrainPoint {
  iteration: number;
  epoch: number;
  /** % of the window's training images misclassified (the paper's dashed curves). */
  trainError: number;
  trainLoss: number;
}

export interface TestPoint {
  iteration: number;
  epoch: number;
  /** % of the test images misclassified (the paper's solid curves). */
  testError: number;
  testLoss: number;
}

export interface LiveProgress {
  iteration: number;
  epoch: number;
  learningRate: number;
  imagesPerSecond: number;
  etaSeconds: number;
  tensorsAlive: number;
}

export interface Run {
  id: string;
  config: TrainConfig;
  /** 'starting' until the worker has built the network. */
  state: RunState | 'starting';
  /** Why it failed or stopped, in words. */
  message?: string;
  trainableParameters?: number;
  iterationsPerEpoch?: number;
  totalIterations?: number;
  lrDropIterations?: number[];
  train: TrainPoint[];
  test: TestPoint[];
  live?: LiveProgress;
  /** Set while the test set is being evaluated: how many images. */
  evaluatingImages?: number;
}

export interface BackendStatus {
  name: BackendName;
  detail: string;
  fallbackReasons: string[];
}

export interface Notice {
  id: number;
  scope: 'config' | 'data' | 'backend' | 'training' | 'url';
  message: string;
}

export interface AppState {
  /** null until the worker has confirmed a backend. */
  backend: BackendStatus | null;
  data: DataStatus;
  /** Oldest first. */
  runs: Run[];
  /** Messages the user must see until dismissed (bad files, bad URL, backend failures). */
  notices: Notice[];
  nextNoticeId: number;
}

export const INITIAL_STATE: AppState = {
  backend: null,
  data: { state: 'unknown' },
  runs: [],
  notices: [],
  nextNoticeId: 1,
};

/** A run the worker is still working on (not yet finished, stopped or failed). */
export function isActive(run: Run): boolean {
  return run.state === 'starting' || run.state === 'running' || run.state === 'paused';
}

export function activeRun(state: AppState): Run | undefined {
  return state.runs.find(isActive);
}

/** Where `npm run prepare-data` puts CIFAR-10, relative to the page (public/data/ in the source tree). */
export function servedDataUrl(): string {
  return new URL('data/cifar-10-batches-bin', document.baseURI).href;
}
