import type { AutotuneResult } from '../model/kernels/autotune';
import type { CheckpointInfo } from '../checkpoint/checkpoint';
import { modelName, type TrainConfig } from '../config';
import type { RunDiagnostics } from '../diagnostics/diagnostics';
import type { BackendName, DataStatus, RunPhase, RunProgress, RunState } from '../protocol';

export interface TrainPoint {
  iteration: number;
  epoch: number;
  /** % of the window's training images misclassified (the paper's dashed curves). */
  trainError: number;
  trainLoss: number;
  /** The learning rate of the window's last step (shows the warm-up and the §4.2 drops in exports). */
  learningRate: number;
}

export interface TestPoint {
  iteration: number;
  epoch: number;
  /** % of the test images misclassified (the paper's solid curves). */
  testError: number;
  testLoss: number;
}

/** The current run's progress as the worker last reported it. */
export type LiveProgress = RunProgress;

/** 'queued' waits its turn in the experiment queue; 'starting' until the worker has built the network. */
export type RunStatus = RunState | 'starting' | 'queued';

/** Where a run was trained: recorded when it starts, exported with it. */
export interface RunBackend {
  name: BackendName;
  /** The adapter or renderer, e.g. "google swiftshader" (WebGPU adapter info). */
  detail: string;
}

/** Where a run trained when that was not in a browser: the PyTorch script this app exports trains the same
 *  experiment on GPUs and writes these details into its JSON file, next to the curves. Kept with the run (stored,
 *  exported again), so its curves are never taken for this browser's and the run list can say where they came
 *  from. The strings are shown as written; runElsewhereSchema.ts bounds them. */
export interface RunElsewhere {
  /** The framework and its version, e.g. "PyTorch 2.4.1". */
  framework: string;
  /** What it ran on, e.g. "8x NVIDIA H200 via torchrun", "1x NVIDIA A100-SXM4-80GB", "CPU (8 threads)". */
  device: string;
  /** Processes that trained it together (data-parallel workers, one per GPU; 1 for one GPU or the CPU). */
  processes: number;
  /** The arithmetic of the convolutions and matrix products: "fp32", "tf32" or "bf16", as the script wrote it. */
  precision: string;
  /** Wall time of the training so far (seconds): all of it for a finished run, until the file was written for
   *  one written mid-training. */
  wallSeconds: number;
  /** The file name of the script that trained it, e.g. "residual_playground.py". */
  script: string;
}

export interface Run {
  id: string;
  config: TrainConfig;
  state: RunStatus;
  /** Why it failed or stopped, in words. */
  message?: string;
  /** The user's name for the run; absent means modelName(config.model). */
  label?: string;
  /** The experiment (one press of "Run experiment") the run belongs to. */
  experimentId?: string;
  /** File name of the JSON export it was imported from; absent for runs trained here. */
  importedFrom?: string;
  /** When the run was queued (ms since 1970), for the history list. */
  createdAt: number;
  backend?: RunBackend;
  /** Set when the run trained outside this browser (imported from the PyTorch script's file); absent for runs
   *  trained in a browser, here or elsewhere. */
  elsewhere?: RunElsewhere;
  /** Hidden from the chart (the legend and the history toggle it); still kept. */
  hidden?: boolean;
  trainableParameters?: number;
  iterationsPerEpoch?: number;
  totalIterations?: number;
  lrDropIterations?: number[];
  train: TrainPoint[];
  test: TestPoint[];
  /** Gradient norms, layer responses (Fig. 7), confusion matrices and predictions (diagnostics.ts); absent for
   *  runs trained before they existed and imports without them. */
  diagnostics?: RunDiagnostics;
  live?: LiveProgress;
  /** Before the first step has finished: what the worker is doing (never stored). */
  phase?: RunPhase;
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
  /** 'experiment' is information (e.g. runs reused instead of retrained), not an error. */
  scope: 'config' | 'data' | 'backend' | 'training' | 'url' | 'experiment' | 'import' | 'history' | 'checkpoint';
  message: string;
  /** Buttons the notice offers (e.g. download what was kept aside); each dismisses the notice when pressed. */
  actions?: NoticeAction[];
}

export interface NoticeAction {
  label: string;
  perform: () => void;
}

export interface AppState {
  /** null until the worker has confirmed a backend. */
  backend: BackendStatus | null;
  data: DataStatus;
  /** Oldest first; queued runs start in this order. */
  runs: Run[];
  /** When true no queued run is started (the user paused or stopped the queue, or the page was reloaded). */
  queuePaused: boolean;
  /** False until the run history has been read from IndexedDB (nothing is written back before). */
  historyLoaded: boolean;
  /** Messages the user must see until dismissed (bad files, bad URL, backend failures). */
  notices: Notice[];
  nextNoticeId: number;
  /** Training and evaluation speed measured on this device, by speedKey(config, backend) (speedProbe.ts):
   *  what the expected wall time of a run is computed from before it starts. */
  speeds: Record<string, SpeedMeasurement>;
  /** The kernel choices this GPU timed (kernelsTimed): kept per adapter by kernelMemory.ts, with the latest
   *  timings for the device report. Null until a run timed some. */
  kernelTimings: { adapter: string; choices: Record<string, string>; result: AutotuneResult } | null;
  /** Each run's newest checkpoint, by run id (checkpointStore.ts): where it would resume, and its storage. */
  checkpoints: Record<string, CheckpointInfo>;
  /** The run another tab of this page is training (tabSync.ts): shown live here, never started, written or
   *  marked interrupted by this tab. Only one tab trains at a time. */
  remoteRunId: string | null;
  /** The run the user asked to stop, until the worker confirms (a step on a slow device can take a minute):
   *  the status says "Stopping…" meanwhile instead of nothing changing. */
  stopRequestedRunId: string | null;
}

export interface SpeedMeasurement {
  /** ms per training step at the key's batch size. */
  msPerStep: number;
  /** ms per evaluated image. */
  msPerEvalImage: number;
  /** Estimated from the training step (slow device), not timed. */
  evaluationEstimated?: boolean;
  /** ms since 1970. */
  measuredAt: number;
  /** The run's other parts (speedProbe.ts), ms; absent from measurements stored before they were timed. */
  msBuild?: number;
  msCompile?: number;
  msEvaluationCompile?: number;
  msPerSample?: number;
  msPerCheckpoint?: number;
  /** Timed by a run that finished (runTimedSpeed.ts), not by the probe: steps as they go while the page draws. */
  fromRun?: boolean;
  /** Measured by this page (not restored from storage): the worker has compiled this network's shaders. */
  measuredThisPage?: boolean;
}

export const INITIAL_STATE: AppState = {
  backend: null,
  data: { state: 'unknown' },
  runs: [],
  queuePaused: false,
  historyLoaded: false,
  notices: [],
  nextNoticeId: 1,
  speeds: {},
  kernelTimings: null,
  checkpoints: {},
  remoteRunId: null,
  stopRequestedRunId: null,
};

/** A run that ended before its last iteration (stopped, interrupted by a reload, failed or diverged) and
 *  has a checkpoint to continue from. */
export function isResumable(state: Pick<AppState, 'checkpoints'>, run: Run): boolean {
  return (run.state === 'stopped' || run.state === 'failed') && state.checkpoints[run.id] !== undefined;
}

/** Stop was pressed for this run and the worker has not confirmed it yet. */
export function isStopping(state: Pick<AppState, 'stopRequestedRunId'>, run: Run): boolean {
  return state.stopRequestedRunId === run.id && isActive(run);
}

/** A run the worker is still working on (not yet finished, stopped or failed). */
export function isActive(run: Run): boolean {
  return run.state === 'starting' || run.state === 'running' || run.state === 'paused';
}

export function isQueued(run: Run): boolean {
  return run.state === 'queued';
}

/** The user's name for a run: its label, or the network's name. The page shows displayedRunName() (runDisplayName.ts),
 *  which adds where the run trained when that was not a browser; a rename edits this. */
export function runName(run: Pick<Run, 'label' | 'config'>): string {
  return run.label ?? modelName(run.config.model);
}

/** The next run the queue would start, if any. */
export function nextQueuedRun(state: AppState): Run | undefined {
  return state.runs.find(isQueued);
}

/** The run training now, in this tab or in another (remoteRunId). */
export function activeRun(state: AppState): Run | undefined {
  return state.runs.find(isActive);
}

/** The run this tab's own worker is training, if any. */
export function localActiveRun(state: AppState): Run | undefined {
  return state.runs.find((run) => isActive(run) && run.id !== state.remoteRunId);
}

/** Where `npm run prepare-data` puts CIFAR-10, relative to the page (public/data/ in the source tree). */
export function servedDataUrl(): string {
  return new URL('data/cifar-10-batches-bin', document.baseURI).href;
}
