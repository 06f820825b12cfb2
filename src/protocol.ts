// The only contract between the UI thread and the training worker. Tagged unions; both sides switch
// exhaustively on `type`. Events are small per-step aggregates, never the whole history.
import type { CheckpointCurve } from './checkpoint/checkpoint';
import type { ModelConfig, TrainConfig } from './config';
import type { DiagnosticsLayout, Predictions } from './diagnostics/diagnostics';
import type { AutotuneResult } from './model/kernels/autotune';
import type { DeviceReport } from './bench/deviceReport';
import type { KernelMode } from './model/kernels/kernelMode';
import type { AutotuneRequest } from './engine/kernelTuning';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

/** UI -> worker. */
export type Command =
  /** Choose a backend and look for CIFAR-10 (browser cache, then the files the server prepared at dataUrl).
   *  `backends` restricts the choice (e.g. ?backend=cpu in the page URL; a replacement worker gets only the
   *  backend its run was on); by default the fastest that works. Answered first by one backend event, or by one
   *  error (scope 'backend') when none of them works. `adapterPatienceMs`: how long to keep asking for a WebGPU
   *  adapter the browser does not give at once (it gives none while its GPU process restarts after a crash). */
  | {
      type: 'init';
      dataUrl: string;
      backends?: BackendName[];
      kernels?: KernelMode;
      adapterPatienceMs?: number;
      /** ?autotune=on|off: time the kernel candidates on this GPU (default: on a real GPU, not on a software one). */
      autotune?: AutotuneRequest;
      /** ?kernel=: an implementation name for every kernel class, or class:name pairs (kernelChoice.ts). */
      kernelImplementations?: string;
    }
  /** The kernel implementations this browser kept for the backend's GPU (kernelsTimed), sent once it is known. */
  | { type: 'kernelChoices'; choices: Record<string, string> }
  /** The user picked or dropped files: the official .tar.gz archive, a .tar, or the .bin batch files. */
  | { type: 'loadFiles'; files: File[] }
  /** Trains a run from iteration 0, or with `resume` from its last checkpoint (checkpointStore.ts); with
   *  `resume.evaluate` it first evaluates at the checkpoint's iteration (the UI lost that evaluation). */
  | { type: 'start'; runId: string; config: TrainConfig; resume?: { evaluate: boolean } }
  /** Time a few training steps and an evaluation batch of config's network on this device, while idle, so the
   *  UI can show a run's expected wall time before it starts. Answered by one speedMeasured event. */
  | { type: 'measureSpeed'; requestId: string; config: TrainConfig }
  /** A device report (bench/deviceReport.ts) of these networks at this batch, while idle: the adapter, every kernel
   *  candidate timed, the recorded step's speed. Answered by one deviceReport event. */
  | { type: 'deviceReport'; requestId: string; depths: number[]; batchSize: number; width: number }
  /** Pixels of images of an evaluation split (the confusion matrix's misclassified images, the prediction grid).
   *  Answered by one images event. */
  | { type: 'getImages'; requestId: string; evaluatedOn: 'test' | 'validation'; indices: number[] }
  /** The weights buildNetwork(model, seed) starts a run from, as a safetensors file (initialWeights.ts), for
   *  "Run elsewhere…": the PyTorch script can then start where a browser run with this seed does. Answered by
   *  one initialWeights event. */
  | { type: 'initialWeights'; requestId: string; model: ModelConfig; seed: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** Fault injection, to test recovery (faultInjection.ts): lose the WebGPU device, or block the worker's
   *  thread forever (as a hung driver call would). */
  | { type: 'injectFault'; fault: WorkerFault };

export type WorkerFault = 'loseGpuDevice' | 'hang';

/** How often the worker says it is alive (ms): a worker that stays silent much longer has died or hung. */
export const HEARTBEAT_INTERVAL_MS = 1000;

export type DataSource = 'served' | 'browser-cache' | 'user-files';

/** While the served files download, what the worker already holds: the whole test set and the first
 *  `trainImages` training images (data_batch_1 and test_batch are fetched first). A run whose config fits
 *  (runFitsLoadedImages in data/availability.ts) can train on them; the others wait for the whole set. */
export interface DataAvailable {
  trainImages: number;
  testImages: number;
}

/** Whether this browser keeps a copy of the dataset (IndexedDB), so the next visit does not load it again.
 *  'saving': being written; 'kept': stored (`bytes` of it); 'not-kept': the browser refused (`reason`, e.g. a
 *  full disk or a private window): this session still trains, the next visit downloads again. */
export type DataStorage = { state: 'saving'; bytes: number } | { state: 'kept'; bytes: number } | { state: 'not-kept'; bytes: number; reason: string };

export type DataStatus =
  | { state: 'unknown' }
  | {
      state: 'loading';
      message: string;
      /** 0..1, or null when the size is unknown */ progress: number | null;
      /** Bytes received so far and in all (served downloads). */
      receivedBytes?: number;
      totalBytes?: number;
      /** Set once enough has arrived for runs on a subset (see DataAvailable). */
      available?: DataAvailable;
    }
  | { state: 'ready'; source: DataSource; trainImages: number; testImages: number; /** absent: not known yet */ storage?: DataStorage }
  | { state: 'missing'; message: string }
  | { state: 'error'; message: string };

export type RunState = 'running' | 'paused' | 'stopped' | 'finished' | 'failed';

/** worker -> UI. */
export type WorkerEvent =
  | {
      type: 'backend';
      backend: BackendName;
      /** e.g. the WebGPU adapter's vendor/architecture, or the WebGL renderer. */
      detail: string;
      /** Why each faster backend was not used, in order (empty when WebGPU runs). */
      fallbackReasons: string[];
    }
  | { type: 'data'; status: DataStatus }
  /** A run timed this GPU's kernel candidates for its network (autotune.ts): the choices to keep for `adapter`
   *  (merged with those kept before) and what was timed. */
  | { type: 'kernelsTimed'; adapter: string; choices: Record<string, string>; result: AutotuneResult }
  | {
      type: 'runStarted';
      runId: string;
      config: TrainConfig;
      trainableParameters: number;
      iterationsPerEpoch: number;
      totalIterations: number;
      /** The iterations at which the learning rate drops (§4.2: 50% and 75% of the run). */
      lrDropIterations: number[];
      /** What the evaluation curve measures: the test set, or the 5,000 held-out training images (§4.2 45k/5k). */
      evaluatedOn: 'test' | 'validation';
      /** Set when the run continues from a checkpoint: the iteration it resumed at. Points the UI holds beyond it
       *  were trained after the checkpoint and are trained again: they are dropped, so the curve stays one line. */
      resumedFrom?: number;
      /** With resumedFrom: the points the run emitted up to it, as its checkpoint keeps them (absent in older
       *  checkpoints). The stored curve may lag the checkpoint (it is written every few seconds): the UI adds
       *  what it lacks, so the curve has no hole where the run resumed. */
      resumedCurve?: CheckpointCurve;
      /** The layers the run's diagnostics describe (diagnostics.ts); absent when they are off. */
      diagnosticsLayout?: DiagnosticsLayout;
    }
  | ({
      type: 'trainProgress';
      runId: string;
      /** Training error in %, averaged over the steps since the previous trainProgress event. */
      trainError: number;
      /** Mean cross-entropy over the same steps. */
      trainLoss: number;
      /** Measured on the window's last step, read back with the window (absent when diagnostics are off). */
      diagnostics?: { gradientNorms: number[]; responseStds: number[] };
    } & RunProgress)
  /** Between the chart's points, at least once a second while steps finish: how far the run is (steps the GPU
   *  has finished, not merely queued), how fast and how long to go. No training error: it is read only at the
   *  chart's points, whose windows must not depend on the clock. */
  | ({ type: 'trainTick'; runId: string } & RunProgress)
  /** What a run does before its first step completes, which can take a while (a slow device, a cold shader
   *  cache): building the network, or the first step (which compiles the GPU shaders). */
  | { type: 'runPhase'; runId: string; phase: RunPhase }
  /** A test evaluation began: on a slow device it takes a while, and the UI says so instead of looking stuck. */
  | { type: 'evaluationStarted'; runId: string; iteration: number; images: number }
  | {
      type: 'evaluation';
      runId: string;
      iteration: number;
      epoch: number;
      testError: number;
      testLoss: number;
      /** 10x10 counts, confusion[true * 10 + predicted] (absent when diagnostics are off). */
      confusion?: number[];
      /** Every evaluated image's top-3 classes (absent when diagnostics are off). */
      predictions?: Predictions;
    }
  | ImagesEvent
  | InitialWeightsEvent
  | { type: 'runState'; runId: string; state: RunState; message?: string }
  /** The run can resume from `iteration` (its checkpoint takes `bytes` of browser storage; saving took saveMs). */
  | { type: 'checkpointSaved'; runId: string; iteration: number; bytes: number; saveMs: number }
  /** The run finished: its checkpoint is gone. */
  | { type: 'checkpointDeleted'; runId: string }
  | SpeedMeasuredEvent
  | DeviceReportEvent
  | RunTimedEvent
  /** Sent every HEARTBEAT_INTERVAL_MS, between steps too: silence means the worker died or hangs. */
  | { type: 'heartbeat' }
  /** The WebGPU device is gone (driver reset, GPU process crash, device.destroy()): this worker's backend is
   *  unusable; the UI replaces the worker and resumes the run from its checkpoint. */
  | { type: 'deviceLost'; reason: string }
  /** Something went wrong outside a run (bad config, bad files, backend failure). */
  | { type: 'error'; scope: 'config' | 'data' | 'backend' | 'training' | 'checkpoint'; message: string };

/** The answer to getImages: 32x32 RGBA pixels (4,096 bytes each) and labels, in the order asked, or why not. */
export type ImagesEvent =
  | { type: 'images'; requestId: string; rgba: Uint8ClampedArray; labels: Uint8Array }
  | { type: 'images'; requestId: string; error: string };

/** The answer to initialWeights: the file's bytes (transferred, not copied), or why not. */
export type InitialWeightsEvent =
  | { type: 'initialWeights'; requestId: string; bytes: Uint8Array }
  | { type: 'initialWeights'; requestId: string; error: string };

/** Sent by a run that finished, just before its 'finished': how long each part of it took here, in ms, measured by
 *  the trainer as it trained (wall clock, so the page's own drawing on a shared CPU is in it). Later estimates in
 *  this page use it instead of the probe's (runTimedSpeed.ts, issue 20 finding 10). */
export interface RunTimedEvent {
  type: 'runTimed';
  runId: string;
  /** From the start of building the network to the first step (building, the runStarted report). */
  buildMs: number;
  /** Steps trained in this run (after a resume, only those). */
  steps: number;
  /** Of those, the steps whose diagnostics were sampled (chart points). */
  sampledSteps: number;
  /** The training loop's time without its evaluations and checkpoints: steps, chart points, reports, any shader
   *  compilation of the first steps. */
  trainingMs: number;
  /** Each evaluation's time, in order, and the images each evaluated. */
  evaluationMs: number[];
  evaluatedImages: number;
  /** Each checkpoint's time, read-back and the IndexedDB write. */
  checkpointMs: number[];
}

/** The answer to measureSpeed: a measurement, or why there is none. */
export type DeviceReportEvent = { type: 'deviceReport'; requestId: string; report: DeviceReport } | { type: 'deviceReport'; requestId: string; error: string };

export type SpeedMeasuredEvent =
  | {
      type: 'speedMeasured';
      requestId: string;
      /** speedKey(config, backend): the measurement applies to every config with the same key. */
      key: string;
      backend: BackendName;
      /** Median wall time of one training step at config.batchSize (ms), GPU work included. */
      msPerStep: number;
      /** Wall time of evaluating one image in eval mode, measured on a full evaluation batch (ms). */
      msPerEvalImage: number;
      /** True on a slow device, where msPerEvalImage is estimated from the training step instead of timed. */
      evaluationEstimated: boolean;
      /** When it was measured (ms since 1970, the worker's clock). */
      measuredAt: number;
      /** The run's other parts, timed by the same probe (speedProbe.ts; absent from older measurements), ms:
       *  building the network, shader compilation (training, evaluation), a sampled step's extra, a checkpoint's read-back. */
      msBuild?: number;
      msCompile?: number;
      msEvaluationCompile?: number;
      msPerSample?: number;
      msPerCheckpoint?: number;
    }
  | { type: 'speedMeasured'; requestId: string; error: string };

/** How far a run is, how fast it goes and what it holds: sent with each chart point and each tick between. */
export interface RunProgress {
  /** Steps done so far (1-based count of completed optimizer steps). */
  iteration: number;
  /** Epochs done, fractional. */
  epoch: number;
  learningRate: number;
  imagesPerSecond: number;
  /** Seconds left at the current speed, excluding test evaluations. */
  etaSeconds: number;
  /** Tensors alive in tfjs after the last step (should stay flat after warm-up). */
  tensorsAlive: number;
  /** Bytes of GPU memory tfjs holds (WebGPU and WebGL report it; null on the CPU backend). Flat after
   *  warm-up, like the tensors: a long run that leaks shows it here first. */
  gpuBytes: number | null;
}

/** 'building': creating the network's weights; 'firstStep': the first training step, which also compiles the
 *  GPU shaders (seconds on a real GPU, much longer on a software one); 'timingKernels': after it, the GPU times
 *  each kernel's candidates for this network (once per network and GPU, within a budget: autotune.ts). */
export type RunPhase = 'building' | 'firstStep' | 'timingKernels';

/** Compile-time exhaustiveness check for switches over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}
