// The one object that owns the training Worker: it turns user intents into commands and worker events into
// store actions. Components never talk to the Worker directly. It also keeps the worker alive: when the GPU
// device is lost, the worker crashes, or its heartbeat stops, it starts a new worker and resumes the run that
// was training from its checkpoint (recovery.ts decides how), on the backend it was on: a new worker never
// falls back to a slower backend behind the user's back.
import type { GpuKeys } from './urlConfig';
import type { KernelMode } from '../model/kernels/kernelMode';
import type { ModelConfig, TrainConfig } from '../config';
import { HEARTBEAT_INTERVAL_MS, type BackendName, type Command, type ImagesEvent, type InitialWeightsEvent, type SpeedMeasuredEvent, type DeviceReportEvent, type WorkerEvent, type WorkerFault } from '../protocol';
import { localActiveRun } from './appState';
import { backendGoneMessage, planRecovery, recoveredMessage, type Recovery, type RecoveryPlan } from './recovery';
import { startAgainAction } from './startAgain';
import { reloadForWebGpu, takeWebGpuReload } from './webGpuReload';
import type { Store } from './store';
import type { RunCommand } from './tabSync';

/** A worker silent this long while it has work is taken for dead (ms). Generous: one training step of a big
 *  network on a software GPU can take tens of seconds, and the heartbeat only beats between steps when a step
 *  runs synchronous JavaScript (the CPU backend). */
export const HEARTBEAT_TIMEOUT_MS = 120_000;

/** How long a replacement worker keeps asking for a WebGPU adapter (ms). Measured on Chromium 156 (SwiftShader,
 *  CDP Browser.crashGpuProcess): a worker started right after the GPU process crashed got no adapter for about
 *  half a second, until the browser had started a new GPU process; after a 2nd crash within 2 minutes Chromium
 *  blocks the site until the 1st is 2 minutes old (recovery.ts, backendGoneMessage), which no patience here
 *  should cover (the run then stops with a notice). */
export const REPLACEMENT_ADAPTER_PATIENCE_MS = 10_000;

export interface TrainingClientOptions {
  heartbeatTimeoutMs?: number;
  /** ms; performance.now() by default (tests pass a fake clock). */
  now?: () => number;
  /** The page's sessionStorage (null where there is none, as in Node): marks a reload asked for WebGPU. */
  session?: Storage | null;
}

function pageSession(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export class TrainingClient {
  private worker!: Worker;
  /** The init command, sent again to each replacement worker. */
  private initCommand: Extract<Command, { type: 'init' }> | null = null;
  /** measureSpeed promises waiting for their speedMeasured event, by requestId. */
  private readonly speedRequests = new Map<string, (event: SpeedMeasuredEvent) => void>();
  private readonly reportRequests = new Map<string, (event: DeviceReportEvent) => void>();
  private nextReportRequest = 0;
  private nextSpeedRequest = 1;
  /** getImages promises waiting for their images event, by requestId. */
  private readonly imageRequests = new Map<string, (event: ImagesEvent) => void>();
  private nextImageRequest = 1;
  /** initialWeights promises waiting for their initialWeights event, by requestId. */
  private readonly weightsRequests = new Map<string, (event: InitialWeightsEvent) => void>();
  private nextWeightsRequest = 1;
  private lastHeardAt: number;
  private heartbeatTimeoutMs: number;
  private recovery: Recovery | null = null;
  /** The backend the current worker reported: a replacement worker is given this one and no other. */
  private backendInUse: BackendName | null = null;
  /** Set from a worker's replacement until it answers its init: its first answer is its backend, or an error
   *  (scope 'backend') when it cannot get it back. The run it resumes, if any, is sent to it after the backend. */
  private replacement: { resume: Extract<RecoveryPlan, { kind: 'resume' }> | null } | null = null;
  private remoteControl: ((runId: string, command: RunCommand) => void) | null = null;
  private readonly watchdog: ReturnType<typeof setInterval>;
  private readonly now: () => number;
  private readonly session: Storage | null;

  constructor(
    private readonly store: Store,
    options: TrainingClientOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS;
    this.session = options.session === undefined ? pageSession() : options.session;
    this.lastHeardAt = this.now();
    this.spawn();
    this.watchdog = setInterval(() => this.checkHeartbeat(), HEARTBEAT_INTERVAL_MS);
  }

  init(dataUrl: string, backends?: BackendName[], kernels?: KernelMode, gpuKeys: GpuKeys = {}): void {
    this.initCommand = { type: 'init', dataUrl, backends, kernels, autotune: gpuKeys.autotune, kernelImplementations: gpuKeys.kernel };
    if (backends === undefined && takeWebGpuReload(this.session)) {
      // The user reloaded for WebGPU (the notice's Reload): WebGPU or a notice, never a silent WebGL.
      this.backendInUse = 'webgpu';
      this.replacement = { resume: null };
      this.send({ ...this.initCommand, backends: ['webgpu'], adapterPatienceMs: REPLACEMENT_ADAPTER_PATIENCE_MS });
      return;
    }
    this.send(this.initCommand);
  }

  /** The kernel implementations this browser kept for the worker's GPU (kernelMemory.ts). */
  useKernelChoices(choices: Record<string, string>): void {
    this.send({ type: 'kernelChoices', choices });
  }

  loadFiles(files: File[]): void {
    this.send({ type: 'loadFiles', files });
  }

  /** Hands a queued run to the worker (the queue runner calls this; see queueRunner.ts); with `resume` it
   *  continues from its checkpoint. */
  start(runId: string, config: TrainConfig, resume?: { evaluate: boolean }): void {
    this.store.dispatch({ type: 'runStarting', runId });
    this.send({ type: 'start', runId, config, resume });
  }

  /** Measures config's training and evaluation speed on this device (the worker refuses while a run trains).
   *  The answer also reaches the store (state.speeds) like every worker event. */
  measureSpeed(config: TrainConfig): Promise<SpeedMeasuredEvent> {
    const requestId = `speed-${this.nextSpeedRequest++}`;
    return new Promise((resolve) => {
      this.speedRequests.set(requestId, resolve);
      this.send({ type: 'measureSpeed', requestId, config });
    });
  }

  /** A device report of these networks (ResNet-20 and ResNet-56 at batch 128 on a GPU); resolves with an error
   *  (never rejects) when the worker refuses, fails or is replaced meanwhile. */
  requestDeviceReport(depths: number[], batchSize: number, width: number): Promise<DeviceReportEvent> {
    const requestId = `report-${this.nextReportRequest++}`;
    return new Promise((resolve) => {
      this.reportRequests.set(requestId, resolve);
      this.send({ type: 'deviceReport', requestId, depths, batchSize, width });
    });
  }

  /** Pixels (32x32 RGBA, 4,096 bytes each) and labels of evaluation images, for the diagnostics views. Resolves
   *  with an error (never rejects) when the dataset is not loaded, an index is out of range, or the worker was
   *  replaced meanwhile. */
  requestImages(evaluatedOn: 'test' | 'validation', indices: number[]): Promise<ImagesEvent> {
    const requestId = `images-${this.nextImageRequest++}`;
    return new Promise((resolve) => {
      this.imageRequests.set(requestId, resolve);
      this.send({ type: 'getImages', requestId, evaluatedOn, indices });
    });
  }

  /** The weights a run of `model` with `seed` starts from, as a safetensors file (engine/initialWeights.ts), for
   *  "Run elsewhere…". Rejects with the reason when the worker cannot draw them (no backend, an invalid network)
   *  or was replaced meanwhile. */
  requestInitialWeights(model: ModelConfig, seed: number): Promise<Uint8Array> {
    const requestId = `weights-${this.nextWeightsRequest++}`;
    return new Promise((resolve, reject) => {
      this.weightsRequests.set(requestId, (event) => ('error' in event ? reject(new Error(event.error)) : resolve(event.bytes)));
      this.send({ type: 'initialWeights', requestId, model, seed });
    });
  }

  pause(): void {
    this.control('pause');
  }

  resume(): void {
    this.control('resume');
  }

  stop(): void {
    this.control('stop');
  }

  /** Where Pause, Resume and Stop go when the run trains in another tab (tabSync.ts forwards them there). */
  setRemoteControl(forward: (runId: string, command: RunCommand) => void): void {
    this.remoteControl = forward;
  }

  private control(command: RunCommand): void {
    const remoteRunId = this.store.getState().remoteRunId;
    if (remoteRunId !== null && this.remoteControl) return this.remoteControl(remoteRunId, command);
    const waiting = this.replacement?.resume;
    if (command === 'stop' && waiting) {
      // The run is not in the new worker yet (it waits for its backend), so the worker could not stop it.
      this.replacement = { resume: null };
      this.recovery = null;
      this.store.dispatch({ type: 'runState', runId: waiting.run.id, state: 'stopped' });
      return;
    }
    this.send({ type: command });
  }

  /** Fault injection for the recovery tests: 'terminate' kills the worker without a word (only the heartbeat
   *  tells); the others are carried out inside the worker. */
  injectFault(fault: WorkerFault | 'terminate', heartbeatTimeoutMs?: number): void {
    if (heartbeatTimeoutMs !== undefined) this.heartbeatTimeoutMs = heartbeatTimeoutMs;
    if (fault === 'terminate') this.worker.terminate();
    else this.send({ type: 'injectFault', fault });
  }

  dispose(): void {
    clearInterval(this.watchdog);
    this.worker.terminate();
  }

  private spawn(): void {
    const worker = new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
    this.worker = worker;
    this.lastHeardAt = this.now();
    worker.onmessage = (event: MessageEvent<WorkerEvent>) => {
      if (worker === this.worker) this.receive(event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault?.();
      if (worker === this.worker) this.replaceWorker(`The training worker crashed (${event.message || 'unknown error'})`);
    };
  }

  private receive(event: WorkerEvent): void {
    this.lastHeardAt = this.now();
    switch (event.type) {
      case 'heartbeat':
        return;
      case 'backend':
        this.backendInUse = event.backend;
        this.store.dispatch(event);
        if (this.replacement?.resume) {
          const { run, evaluate } = this.replacement.resume;
          this.start(run.id, run.config, { evaluate });
        }
        this.replacement = null;
        return;
      case 'error':
        if (event.scope === 'backend' && this.replacement) return this.backendNotBack(event.message);
        this.store.dispatch(event);
        return;
      case 'deviceLost':
        return this.replaceWorker(`The GPU was reset (the WebGPU device was lost: ${event.reason})`);
      case 'runStarted':
        this.store.dispatch(event);
        if (this.recovery?.runId === event.runId && event.resumedFrom !== undefined) {
          this.store.dispatch({ type: 'notice', scope: 'backend', message: recoveredMessage(this.recovery, event.resumedFrom, this.now()) });
        }
        return;
      case 'trainProgress':
      case 'trainTick':
        this.store.dispatch(event);
        // Past the point of the last loss: the next loss counts as a first one again.
        if (this.recovery?.runId === event.runId && event.iteration > this.recovery.lostAt) this.recovery = null;
        return;
      case 'speedMeasured':
        this.store.dispatch(event);
        this.answerSpeedRequest(event);
        return;
      case 'deviceReport': {
        const resolve = this.reportRequests.get(event.requestId);
        this.reportRequests.delete(event.requestId);
        resolve?.(event);
        return;
      }
      case 'images': {
        // Pixels are the asker's only, never the store's.
        const resolve = this.imageRequests.get(event.requestId);
        this.imageRequests.delete(event.requestId);
        resolve?.(event);
        return;
      }
      case 'initialWeights': {
        const settle = this.weightsRequests.get(event.requestId);
        this.weightsRequests.delete(event.requestId);
        settle?.(event);
        return;
      }
      default:
        this.store.dispatch(event);
    }
  }

  /** Only while there is work: an idle worker may sit in a long dataset load without beating. Not on the CPU
   *  backend: its kernels run synchronously in the worker, so one step of a deep network at batch 128 can keep
   *  the heartbeat silent for minutes while all is well (and no GPU can hang there). */
  private checkHeartbeat(): void {
    const state = this.store.getState();
    const busy = localActiveRun(state) !== undefined || this.speedRequests.size > 0 || this.reportRequests.size > 0 || this.weightsRequests.size > 0;
    if (!busy || state.backend?.name === 'cpu') {
      this.lastHeardAt = this.now();
      return;
    }
    const silentFor = this.now() - this.lastHeardAt;
    if (silentFor > this.heartbeatTimeoutMs) {
      this.replaceWorker(`The training worker stopped answering (no sign of life for ${Math.round(silentFor / 1000)} s)`);
    }
  }

  /** Ends the current worker, starts a new one on the same backend, and resumes or ends the active run. */
  private replaceWorker(what: string): void {
    const plan = planRecovery(this.store.getState(), what, this.recovery, this.now());
    this.worker.terminate();
    // Nothing will answer the speed requests still open: settle them with the reason.
    [...this.speedRequests.keys()].forEach((requestId) => this.answerSpeedRequest({ type: 'speedMeasured', requestId, error: `${what}.` }));
    for (const [requestId, resolve] of this.reportRequests) resolve({ type: 'deviceReport', requestId, error: `${what}.` });
    this.reportRequests.clear();
    for (const [requestId, resolve] of this.imageRequests) resolve({ type: 'images', requestId, error: `${what}.` });
    this.imageRequests.clear();
    for (const [requestId, settle] of this.weightsRequests) settle({ type: 'initialWeights', requestId, error: `${what}.` });
    this.weightsRequests.clear();
    this.spawn();
    this.store.dispatch({ type: 'workerReplaced' });
    this.recovery = plan.kind === 'resume' ? plan.recovery : null;
    this.replacement = { resume: plan.kind === 'resume' ? plan : null };
    if (this.initCommand) {
      const backends = this.backendInUse ? [this.backendInUse] : this.initCommand.backends;
      this.send({ ...this.initCommand, backends, adapterPatienceMs: REPLACEMENT_ADAPTER_PATIENCE_MS });
    }
    switch (plan.kind) {
      case 'nothing-to-do':
        this.store.dispatch({ type: 'notice', scope: 'backend', message: `${what}; a new training worker was started.` });
        return;
      case 'give-up':
        this.store.dispatch({ type: 'workerCrashed', message: plan.message });
        if (plan.offer === 'webgl') this.offerWebGl('WebGPU keeps failing on this device.');
        if (plan.offer === 'start-again') {
          this.store.dispatch({
            type: 'notice',
            scope: 'training',
            message: 'The lost run can start again from iteration 0: the same settings and seed train the same curve.',
            actions: [startAgainAction(this.store, plan.run)],
          });
        }
        return;
      case 'resume':
        return; // the run goes to the new worker once it has its backend (receive, 'backend')
    }
  }

  /** The replacement worker could not get the backend back (`reason`: its words). The run it was to resume
   *  stops, resumable from its checkpoint; WebGL is offered, never chosen. */
  private backendNotBack(reason: string): void {
    const resume = this.replacement?.resume;
    const lost = this.backendInUse ?? 'webgpu';
    this.replacement = null;
    this.recovery = null;
    if (resume) {
      this.store.dispatch({ type: 'workerCrashed', message: backendGoneMessage(resume.recovery, lost, reason) });
    } else {
      this.store.dispatch({ type: 'error', scope: 'backend', message: reason });
    }
    if (lost === 'webgpu') this.offerWebGl('WebGPU is no longer available in this page: after two GPU resets within 2 minutes, Chromium gives it back to this site about 2 minutes after the first. Reload then, or train on WebGL now (slower).', true);
  }

  /** WebGL is slower, so it is never chosen behind the user's back: the notice offers it (the page reloads
   *  with ?backend=webgl, and the run resumes from its checkpoint there, which any backend can read), and with
   *  `reload` a plain reload first, which gives a page its WebGPU back after the GPU process crashed. */
  private offerWebGl(why: string, reload = false): void {
    const reloadOnWebGl = {
      label: 'Reload on WebGL',
      perform: () => {
        const url = new URL(window.location.href);
        url.searchParams.set('backend', 'webgl');
        window.location.assign(url.href);
      },
    };
    this.store.dispatch({
      type: 'notice',
      scope: 'backend',
      message: `${why} WebGL trains the same networks, slower; a run can resume there from its checkpoint.`,
      actions: reload ? [{ label: 'Reload', perform: () => reloadForWebGpu(this.session, () => window.location.reload()) }, reloadOnWebGl] : [reloadOnWebGl],
    });
  }

  private answerSpeedRequest(event: SpeedMeasuredEvent): void {
    const resolve = this.speedRequests.get(event.requestId);
    this.speedRequests.delete(event.requestId);
    resolve?.(event);
  }

  private send(command: Command): void {
    this.worker.postMessage(command);
  }
}
