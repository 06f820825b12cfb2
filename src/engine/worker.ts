/// <reference lib="webworker" />
// The worker's only job: adapt messages to the trainer and the data loader. All tensors live on this thread.
import { openCheckpointStore, type CheckpointStore } from '../checkpoint/checkpointStore';
import { describeConfigErrors, validateConfig } from '../configValidation';
import { DEFAULT_CONFIG, type ModelConfig, type TrainConfig } from '../config';
import { assertNever, HEARTBEAT_INTERVAL_MS, type BackendName, type Command, type WorkerEvent, type WorkerFault } from '../protocol';
import { setKernelMode } from '../model/kernels/kernelMode';
import { chosenImplementations } from '../model/kernels/kernelChoice';
import { adapterKey, configureKernelTuning, kernelTuningFor, setAdapter, useKeptChoices, whyKernelsAreNotTimed } from './kernelTuning';
import { chooseBackend, destroyWebGpuDevice, watchWebGpuDevice } from './backend';
import { rgbaImages } from '../data/imagePixels';
import { DatasetHolder } from './datasetHolder';
import { initialWeightsFile } from './initialWeights';
import { validationImages } from './holdout';
import { RunControl } from './runControl';
import { speedKey } from './speedKey';
import { measureSpeed } from './speedProbe';
import { measureDeviceReport } from '../bench/deviceReport';
import { train, type CheckpointLoader } from './trainer';

declare const self: DedicatedWorkerGlobalScope;

function post(event: WorkerEvent): void {
  self.postMessage(event);
}

const dataset = new DatasetHolder(post);
let backendReady: Promise<boolean> = Promise.resolve(false);
let activeRun: RunControl | null = null;
/** Set once the active run has told the UI it ended; settles when its last tidy-up (deleting a finished run's
 *  checkpoints in IndexedDB, which can queue behind the dataset's 184 MB save for seconds) is done. The UI starts
 *  the next queued run on that message, so the next start waits for this instead of being refused. */
let activeRunEnding: Promise<void> | null = null;
/** The backend chooseBackend settled on (null until then): speed measurements are keyed by it. */
let backendName: BackendName | null = null;
/** The speed probe in progress (or the last one): probes run one at a time, and a run starts after them. */
let probing: Promise<void> = Promise.resolve();

/** Set once the WebGPU device is lost: nothing this worker does on the GPU can succeed any more. */
let deviceLost = false;
/** How long a failed run's end waits for a device loss that may explain it (ms). */
const DEVICE_LOSS_GRACE_MS = 1000;
/** GPU errors past this many are not reported again (one bad kernel would repeat every step). */
const MAX_GPU_ERRORS_REPORTED = 3;
let reportedGpuErrors = 0;

const SPEED_WHILE_TRAINING = "Speed is measured while idle; the training run's own speed is shown live.";

async function handle(command: Command): Promise<void> {
  switch (command.type) {
    case 'init':
      setKernelMode(command.kernels ?? 'fused');
      for (const problem of configureKernelTuning(command.autotune, command.kernelImplementations)) {
        post({ type: 'error', scope: 'config', message: `URL parameter kernel: ${problem}; it is ignored.` });
      }
      backendReady = chooseBackend(command.backends, command.adapterPatienceMs)
        .then((choice) => {
          backendName = choice.backend;
          // The badge says which implementation of the fused operations runs (WebGPU only has two).
          const kernels =
            command.kernels === 'reference'
              ? 'reference tfjs ops (?kernels=reference)'
              : command.kernels === 'taped'
                ? 'fused WGSL kernels, each step through the tape (?kernels=taped)'
                : 'fused WGSL kernels';
          setAdapter(choice.detail);
          const notTimed = whyKernelsAreNotTimed();
          const tuning = command.kernels === 'reference' ? '' : notTimed ? ` · kernels not timed (${notTimed})` : ' · kernels timed on this GPU';
          post({ type: 'backend', ...choice, detail: choice.backend === 'webgpu' ? `${choice.detail} · ${kernels}${tuning}` : choice.detail });
          watchWebGpuDevice(
            (reason) => {
              // This backend is dead: the UI replaces the whole worker and resumes from the checkpoint.
              deviceLost = true;
              activeRun?.stop();
              post({ type: 'deviceLost', reason });
            },
            (message) => {
              if (reportedGpuErrors++ < MAX_GPU_ERRORS_REPORTED) post({ type: 'error', scope: 'backend', message: `The GPU reported an error: ${message}` });
            },
          );
          return true;
        })
        .catch((error: unknown) => {
          post({ type: 'error', scope: 'backend', message: error instanceof Error ? error.message : String(error) });
          return false;
        });
      // A run sent right after init waits in dataset.trainingDataFor() for what it needs (a replacement worker is
      // given the interrupted run at once).
      await dataset.loadInitial(command.dataUrl);
      return;
    case 'kernelChoices':
      useKeptChoices(command.choices);
      return;
    case 'loadFiles':
      if (activeRun) {
        post({ type: 'error', scope: 'data', message: 'Stop the current run before loading another dataset.' });
        return;
      }
      await dataset.loadUserFiles(command.files);
      return;
    case 'start':
      return startRun(command.runId, command.config, command.resume);
    case 'measureSpeed':
      return measureSpeedWhenIdle(command.requestId, command.config);
    case 'deviceReport':
      return sendDeviceReport(command.requestId, command.depths, command.batchSize, command.width);
    case 'getImages':
      return sendImages(command.requestId, command.evaluatedOn, command.indices);
    case 'initialWeights':
      return sendInitialWeights(command.requestId, command.model, command.seed);
    case 'pause':
      activeRun?.pause();
      return;
    case 'resume':
      activeRun?.resume();
      return;
    case 'stop':
      activeRun?.stop();
      return;
    case 'injectFault':
      return injectFault(command.fault);
    default:
      assertNever(command);
  }
}

/** The checkpoint store, opened at the first run (null where IndexedDB is unavailable or does not answer). */
let checkpointStore: Promise<CheckpointStore | null> | null = null;

function checkpoints(): Promise<CheckpointStore | null> {
  checkpointStore ??= openCheckpointStore().then(
    (store) => {
      if (!store) post({ type: 'error', scope: 'checkpoint', message: CHECKPOINTS_UNAVAILABLE });
      return store;
    },
    (error: unknown) => {
      post({ type: 'error', scope: 'checkpoint', message: `${CHECKPOINTS_UNAVAILABLE} (${error instanceof Error ? error.message : String(error)})` });
      return null;
    },
  );
  return checkpointStore;
}

const CHECKPOINTS_UNAVAILABLE =
  "This browser's storage (IndexedDB) is unavailable, so runs train without checkpoints: a reload or crash ends a run where it is.";

async function startRun(runId: string, config: TrainConfig, resume: { evaluate: boolean } | undefined): Promise<void> {
  const refuse = (message: string) => post({ type: 'runState', runId, state: 'failed', message });
  if (await stillTraining()) return refuse('A run is already training: stop it first.');
  const errors = validateConfig(config);
  if (Object.keys(errors).length > 0) return refuse(`Invalid configuration: ${describeConfigErrors(errors)}`);
  if (!(await backendReady)) return refuse('No tfjs backend is available, so nothing can train.');
  await probing; // a speed probe shares the GPU: let it finish first
  // The whole dataset, or while it downloads its first part when this run's images are all there
  // (availability.ts); a run that needs more waits for the rest.
  const data = await dataset.trainingDataFor(config);
  if (await stillTraining()) return refuse('A run is already training: stop it first.');
  if (!data) return refuse('CIFAR-10 is not loaded yet: load the dataset first.');
  const control = new RunControl();
  activeRun = control; // taken before the first await below, so a second start is refused
  let ended = () => undefined as void;
  const ending = new Promise<void>((resolve) => (ended = resolve));
  try {
    const store = await checkpoints();
    if (resume && !store) return refuse("The run cannot resume: this browser's storage (IndexedDB), which holds its checkpoint, is unavailable.");
    // The trainer checks what the store gives against the network it builds: the newest slot, else the older.
    const resumeFrom: CheckpointLoader | undefined = resume && store ? (check) => store.load(runId, check) : undefined;
    // A lost device usually fails the step in flight a moment BEFORE device.lost settles: the run's end is held
    // back briefly, so the UI hears of the loss first and resumes the run instead of recording a failure.
    let endingEvent: WorkerEvent | null = null;
    const emit = (event: WorkerEvent) => {
      if (event.type === 'runState' && (event.state === 'failed' || event.state === 'stopped')) return void (endingEvent = event);
      if (event.type === 'runState' && event.state === 'finished') activeRunEnding = ending;
      post(event);
    };
    const outcome = await train(runId, config, data, emit, control, {
      checkpoints: store,
      resumeFrom,
      evaluateAtResume: resume?.evaluate,
      kernelTuning: kernelTuningFor((result) => post({ type: 'kernelsTimed', adapter: adapterKey(), choices: chosenImplementations(), result })),
    });
    if (outcome === 'failed' && !deviceLost) await new Promise((resolve) => setTimeout(resolve, DEVICE_LOSS_GRACE_MS));
    if (endingEvent && !deviceLost) {
      activeRunEnding = ending;
      post(endingEvent);
    }
  } finally {
    activeRun = null;
    activeRunEnding = null;
    ended();
  }
}

/** Whether a run still trains here: one that has already said it ended is waited for (activeRunEnding). */
async function stillTraining(): Promise<boolean> {
  if (activeRunEnding) await activeRunEnding;
  return activeRun !== null;
}

/** Measures a device report (deviceReport.ts) while idle, after any speed probe, like measureSpeedWhenIdle. */
async function sendDeviceReport(requestId: string, depths: number[], batchSize: number, width: number): Promise<void> {
  const refuse = (error: string) => post({ type: 'deviceReport', requestId, error });
  if (activeRun) return refuse('A device report is measured while no run trains.');
  if (!(await backendReady) || backendName !== 'webgpu') return refuse('A device report needs the WebGPU backend.');
  const valid = depths.length > 0 && depths.length <= 4 && depths.every((d) => Object.keys(validateConfig({ ...DEFAULT_CONFIG, batchSize, model: { ...DEFAULT_CONFIG.model, depth: d, width } })).length === 0);
  if (!valid || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 512) return refuse('The device report was asked for networks this page cannot build.');
  const probe = probing.then(async () => {
    if (activeRun) return refuse('A device report is measured while no run trains.');
    try {
      const report = await measureDeviceReport(`${navigator.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0] ?? 'a browser'} (web worker)`, adapterKey(), { depths, batchSize, width });
      post({ type: 'deviceReport', requestId, report });
    } catch (error) {
      refuse(`The device report could not be measured: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  probing = probe;
  await probe;
}

/** Times config's network on this device (speedProbe.ts); never while a run trains, as both would be slowed. */
async function measureSpeedWhenIdle(requestId: string, config: TrainConfig): Promise<void> {
  const refuse = (error: string) => post({ type: 'speedMeasured', requestId, error });
  if (activeRun) return refuse(SPEED_WHILE_TRAINING);
  const errors = validateConfig(config);
  if (Object.keys(errors).length > 0) return refuse(`Invalid configuration: ${describeConfigErrors(errors)}`);
  if (!(await backendReady) || backendName === null) return refuse('No tfjs backend is available, so speed cannot be measured.');
  const backend = backendName;
  const probe = probing.then(async () => {
    if (activeRun) return refuse(SPEED_WHILE_TRAINING); // a run started while this probe waited its turn
    try {
      const speed = await measureSpeed(config);
      post({ type: 'speedMeasured', requestId, key: speedKey(config, backend), backend, ...speed, measuredAt: Date.now() });
    } catch (error) {
      refuse(`Speed could not be measured: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  probing = probe;
  await probe;
}

/** Most images one getImages answers (a confusion cell's gallery pages through more). */
const MAX_IMAGES_PER_REQUEST = 1_000;

/** Pixels and labels of evaluation images, for the diagnostics views; answered between training steps. */
async function sendImages(requestId: string, evaluatedOn: 'test' | 'validation', indices: number[]): Promise<void> {
  // Test images are all in the first part of a download (test_batch comes second); validation images are the
  // last 5,000 training images, so those wait for the whole set (availability.ts).
  const data = await dataset.trainingDataFor(evaluatedOn === 'validation' ? { trainSubset: null, validationSplit: true } : { trainSubset: 0, validationSplit: false });
  if (!data) return post({ type: 'images', requestId, error: 'CIFAR-10 is not loaded, so its images cannot be shown.' });
  if (!Array.isArray(indices) || indices.length > MAX_IMAGES_PER_REQUEST) {
    return post({ type: 'images', requestId, error: `At most ${MAX_IMAGES_PER_REQUEST} images can be asked for at once.` });
  }
  const split = evaluatedOn === 'validation' ? validationImages(data.train) : data.test;
  try {
    const rgba = rgbaImages(split, indices);
    const labels = Uint8Array.from(indices, (i) => split.labels[i]);
    self.postMessage({ type: 'images', requestId, rgba, labels } satisfies WorkerEvent, [rgba.buffer, labels.buffer]);
  } catch (error) {
    post({ type: 'images', requestId, error: error instanceof Error ? error.message : String(error) });
  }
}

/** The weights a run of `model` with `seed` starts from, as a file; answered between training steps (drawing
 *  them takes one network's worth of memory for a moment, then it is disposed). */
async function sendInitialWeights(requestId: string, model: ModelConfig, seed: number): Promise<void> {
  const refuse = (error: string) => post({ type: 'initialWeights', requestId, error });
  // The model and seed checked as a run's would be (the rest of the config plays no part in the weights).
  const errors = validateConfig({ ...DEFAULT_CONFIG, model, seed });
  if (Object.keys(errors).length > 0) return refuse(`Invalid network or seed: ${describeConfigErrors(errors)}`);
  if (!(await backendReady)) return refuse('No tfjs backend is available, so the initial weights cannot be drawn.');
  if (deviceLost) return refuse('The GPU was reset, so the initial weights cannot be drawn until the worker is replaced.');
  try {
    const bytes = await initialWeightsFile(model, seed);
    self.postMessage({ type: 'initialWeights', requestId, bytes } satisfies WorkerEvent, [bytes.buffer]);
  } catch (error) {
    refuse(`The initial weights could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Fault injection for the recovery tests (and anyone who wants to see recovery work). */
function injectFault(fault: WorkerFault): void {
  switch (fault) {
    case 'loseGpuDevice':
      if (!destroyWebGpuDevice()) post({ type: 'error', scope: 'backend', message: 'There is no WebGPU device to lose: this backend is not WebGPU.' });
      return;
    case 'hang':
      // Blocks this thread until the UI terminates the worker, as a hung driver call would: no message and no
      // heartbeat from now on (it spins one CPU core meanwhile; the watchdog ends it within its time-out).
      for (;;) {
        // spin
      }
    default:
      assertNever(fault);
  }
}

// Silence means death: the UI replaces a worker whose heartbeat stops (trainingClient.ts).
setInterval(() => post({ type: 'heartbeat' }), HEARTBEAT_INTERVAL_MS);

self.onmessage = (event: MessageEvent<Command>) => {
  handle(event.data).catch((error: unknown) => {
    post({ type: 'error', scope: 'training', message: error instanceof Error ? error.message : String(error) });
  });
};
