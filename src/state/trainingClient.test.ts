// TrainingClient with a stand-in Worker: the speed requests are matched to their answers by requestId.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { presetById } from '../config';
import type { BackendName, Command, SpeedMeasuredEvent, WorkerEvent } from '../protocol';
import { isResumable } from './appState';
import { MAX_LOSSES_IN_A_ROW } from './recovery';
import { Store } from './store';
import { reloadForWebGpu } from './webGpuReload';
import { REPLACEMENT_ADAPTER_PATIENCE_MS, TrainingClient } from './trainingClient';

class FakeWorker {
  static last: FakeWorker | null = null;
  static all: FakeWorker[] = [];
  terminated = false;
  sent: Command[] = [];
  onmessage: ((event: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.last = this;
    FakeWorker.all.push(this);
  }
  postMessage(command: Command): void {
    this.sent.push(command);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(event: WorkerEvent): void {
    this.onmessage?.({ data: event } as MessageEvent<WorkerEvent>);
  }
}

const realWorker = globalThis.Worker;
beforeEach(() => {
  globalThis.Worker = FakeWorker as unknown as typeof Worker;
  FakeWorker.all = [];
});
afterEach(() => {
  globalThis.Worker = realWorker;
});

const config = presetById('short').config;

function measured(requestId: string, msPerStep: number): SpeedMeasuredEvent {
  return { type: 'speedMeasured', requestId, key: `k${msPerStep}`, backend: 'webgl', msPerStep, msPerEvalImage: 1, evaluationEstimated: false, measuredAt: 5 };
}

describe('TrainingClient.measureSpeed', () => {
  it('resolves each request with its own answer, in whatever order they come, and the store keeps them', async () => {
    const store = new Store();
    const client = new TrainingClient(store);
    const worker = FakeWorker.last!;
    const first = client.measureSpeed(config);
    const second = client.measureSpeed({ ...config, batchSize: 64 });
    const [a, b] = worker.sent as Extract<Command, { type: 'measureSpeed' }>[];
    expect([a.type, b.type]).toEqual(['measureSpeed', 'measureSpeed']);
    expect(a.requestId).not.toBe(b.requestId);
    expect(b.config.batchSize).toBe(64);
    worker.answer(measured(b.requestId, 20));
    worker.answer(measured(a.requestId, 10));
    expect(await first).toMatchObject({ requestId: a.requestId, msPerStep: 10 });
    expect(await second).toMatchObject({ requestId: b.requestId, msPerStep: 20 });
    expect(Object.keys(store.getState().speeds).sort()).toEqual(['k10', 'k20']);
  });

  it('answers a request still open when the worker crashes, with the reason', async () => {
    const client = new TrainingClient(new Store());
    const pending = client.measureSpeed(config);
    FakeWorker.last!.onerror?.({ message: 'out of memory' } as ErrorEvent);
    expect(await pending).toMatchObject({ type: 'speedMeasured', error: expect.stringMatching(/crashed \(out of memory\)/) });
  });
});

describe('TrainingClient.requestInitialWeights', () => {
  const model = config.model;

  it("resolves each request with its own file's bytes, whatever the order of the answers", async () => {
    const client = new TrainingClient(new Store());
    const worker = FakeWorker.last!;
    const first = client.requestInitialWeights(model, 0);
    const second = client.requestInitialWeights({ ...model, depth: 56 }, 7);
    const [a, b] = worker.sent as Extract<Command, { type: 'initialWeights' }>[];
    expect([a.type, b.type]).toEqual(['initialWeights', 'initialWeights']);
    expect(a.requestId).not.toBe(b.requestId);
    expect(b).toMatchObject({ model: { depth: 56 }, seed: 7 });
    worker.answer({ type: 'initialWeights', requestId: b.requestId, bytes: Uint8Array.of(2) });
    worker.answer({ type: 'initialWeights', requestId: a.requestId, bytes: Uint8Array.of(1) });
    expect(await first).toEqual(Uint8Array.of(1));
    expect(await second).toEqual(Uint8Array.of(2));
    client.dispose();
  });

  it("rejects with the worker's reason, and keeps the file out of the store", async () => {
    const store = new Store();
    const client = new TrainingClient(store);
    const before = store.getState();
    const pending = client.requestInitialWeights(model, 0);
    const { requestId } = FakeWorker.last!.sent[0] as Extract<Command, { type: 'initialWeights' }>;
    FakeWorker.last!.answer({ type: 'initialWeights', requestId, error: 'No tfjs backend is available.' });
    await expect(pending).rejects.toThrow('No tfjs backend is available.');
    expect(store.getState()).toBe(before);
    client.dispose();
  });

  it('rejects a request still open when the worker crashes, with the reason', async () => {
    const client = new TrainingClient(new Store());
    const pending = client.requestInitialWeights(model, 0);
    FakeWorker.last!.onerror?.({ message: 'out of memory' } as ErrorEvent);
    await expect(pending).rejects.toThrow(/crashed \(out of memory\)/);
    client.dispose();
  });
});

describe('TrainingClient recovery', () => {
  /** A client whose run 'r1' trains on WebGPU in the first worker (inited as a page without ?backend= is: any
   *  backend, the fastest first), has reached iteration 30 and has a checkpoint at 20 (unless not). */
  function training(withCheckpoint = true) {
    let clock = 0;
    const store = new Store();
    const client = new TrainingClient(store, { heartbeatTimeoutMs: 10_000, now: () => clock });
    client.init('data/');
    const first = FakeWorker.last!;
    first.answer({ type: 'backend', backend: 'webgpu', detail: 'swiftshader', fallbackReasons: [] });
    store.dispatch({ type: 'historyRestored', runs: [] });
    store.dispatch({ type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 });
    client.start('r1', config);
    first.answer({ type: 'runStarted', runId: 'r1', config, trainableParameters: 1, iterationsPerEpoch: 10, totalIterations: 100, lrDropIterations: [50, 75], evaluatedOn: 'test' });
    first.answer({ type: 'runState', runId: 'r1', state: 'running' });
    const progressTo = (worker: FakeWorker, iteration: number) =>
      worker.answer({ type: 'trainProgress', runId: 'r1', iteration, epoch: iteration / 10, trainError: 50, trainLoss: 1, learningRate: 0.1, imagesPerSecond: 1, etaSeconds: 1, tensorsAlive: 1, gpuBytes: 1 });
    progressTo(first, 10);
    if (withCheckpoint) first.answer({ type: 'checkpointSaved', runId: 'r1', iteration: 20, bytes: 100, saveMs: 1 });
    progressTo(first, 30);
    return { store, client, first, progressTo, advance: (ms: number) => (clock += ms) };
  }

  const startCommand = (worker: FakeWorker) => worker.sent.find((c) => c.type === 'start');

  it('a lost GPU device: a new worker, on the backend the run was on, resumes the run from its checkpoint and one line says so', () => {
    const { store, client, first, advance } = training();
    first.answer({ type: 'deviceLost', reason: 'destroyed' });
    const second = FakeWorker.last!;
    expect(first.terminated).toBe(true);
    expect(second).not.toBe(first);
    // WebGPU only, never a silent fall back to WebGL or the CPU; patient with a GPU process that is restarting.
    expect(second.sent[0]).toEqual({ type: 'init', dataUrl: 'data/', backends: ['webgpu'], kernels: undefined, adapterPatienceMs: REPLACEMENT_ADAPTER_PATIENCE_MS });
    expect(store.getState().backend).toBeNull();
    // The run goes to the new worker once it has its backend back.
    expect(startCommand(second)).toBeUndefined();
    second.answer({ type: 'backend', backend: 'webgpu', detail: 'swiftshader', fallbackReasons: [] });
    // The evaluation at the checkpoint (20) is not in the curve: evaluated again.
    expect(startCommand(second)).toEqual({ type: 'start', runId: 'r1', config, resume: { evaluate: true } });
    expect(store.getState().runs[0].state).toBe('starting');

    advance(4200);
    second.answer({ type: 'runStarted', runId: 'r1', config, trainableParameters: 1, iterationsPerEpoch: 10, totalIterations: 100, lrDropIterations: [50, 75], evaluatedOn: 'test', resumedFrom: 20 });
    const notices = store.getState().notices.map((n) => n.message);
    expect(notices).toContain('The GPU was reset (the WebGPU device was lost: destroyed) at iteration 30; resumed from iteration 20 (checkpoint) after 4.2 s.');
    expect(store.getState().runs[0].train.map((p) => p.iteration)).toEqual([10]); // the curve continues from the checkpoint
    // Messages from the dead worker are ignored.
    first.answer({ type: 'runState', runId: 'r1', state: 'failed', message: 'late' });
    expect(store.getState().runs[0].state).toBe('starting');
    client.dispose();
  });

  const backOn = (worker: FakeWorker, backend: BackendName = 'webgpu') => worker.answer({ type: 'backend', backend, detail: '', fallbackReasons: [] });
  const offers = (store: Store) => store.getState().notices.filter((notice) => notice.actions !== undefined);

  it('a worker lost before the first checkpoint: the run could not be resumed as it had no checkpoint yet, and Start again (not WebGL) trains it anew', () => {
    const { store, client, first } = training(false);
    first.answer({ type: 'deviceLost', reason: 'unknown' });
    const run = store.getState().runs[0];
    expect(run.state).toBe('failed');
    expect(run.message).toBe('The GPU was reset (the WebGPU device was lost: unknown) at iteration 30, and the run could not be resumed: it had no checkpoint yet. Its curves are kept.');
    expect(store.getState().queuePaused).toBe(true);
    expect(startCommand(FakeWorker.last!)).toBeUndefined();
    // One loss with storage working is no reason to leave WebGPU.
    expect(store.getState().notices.some((notice) => /WebGPU keeps failing|WebGL/.test(notice.message))).toBe(false);
    const [offer] = offers(store);
    expect(offer.actions?.map((action) => action.label)).toEqual(['Start again']);
    offer.actions![0].perform();
    const after = store.getState();
    expect(after.queuePaused).toBe(false);
    expect(after.runs.map((r) => [r.state, r.config])).toEqual([['queued', config]]);
    expect(after.runs[0].id).not.toBe('r1');
    client.dispose();
  });

  it('one hang of an idle worker, found when the next run starts: not "WebGPU keeps failing", but Start again', async () => {
    vi.useFakeTimers();
    try {
      let clock = 0;
      const store = new Store();
      const client = new TrainingClient(store, { heartbeatTimeoutMs: 10_000, now: () => clock });
      client.init('data/');
      backOn(FakeWorker.last!);
      store.dispatch({ type: 'historyRestored', runs: [] });
      client.injectFault('hang'); // the worker goes silent while nothing trains
      store.dispatch({ type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 });
      client.start('r1', config);
      clock += 10_001;
      await vi.advanceTimersByTimeAsync(1000);
      const run = store.getState().runs[0];
      expect(run.state).toBe('failed');
      expect(run.message).toMatch(/^The training worker stopped answering \(no sign of life for 10 s\) at iteration 0, and the run could not be resumed: it had no checkpoint yet\./);
      expect(store.getState().notices.some((notice) => /WebGPU keeps failing|WebGL/.test(notice.message))).toBe(false);
      expect(offers(store).flatMap((notice) => notice.actions!.map((action) => action.label))).toEqual(['Start again']);
      client.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a worker whose heartbeat stops is replaced and the run resumed; a beating one is left alone', async () => {
    vi.useFakeTimers();
    try {
      const { client, first, advance } = training();
      for (let second = 0; second < 15; second++) {
        advance(1000);
        first.answer({ type: 'heartbeat' });
        await vi.advanceTimersByTimeAsync(1000);
      }
      expect(FakeWorker.last).toBe(first);
      advance(10_001); // silence past the 10 s time-out
      await vi.advanceTimersByTimeAsync(1000);
      expect(first.terminated).toBe(true);
      backOn(FakeWorker.last!);
      expect(startCommand(FakeWorker.last!)).toMatchObject({ runId: 'r1', resume: { evaluate: true } });
      client.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('on the CPU backend a long silence is a long synchronous step, not a dead worker', async () => {
    vi.useFakeTimers();
    try {
      const { store, client, first, advance } = training();
      store.dispatch({ type: 'backend', backend: 'cpu', detail: '', fallbackReasons: [] });
      advance(60_000);
      await vi.advanceTimersByTimeAsync(1000);
      expect(first.terminated).toBe(false);
      client.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it(`gives up at the ${MAX_LOSSES_IN_A_ROW}rd loss in a row that never gets past the previous one, keeping the checkpoint, and offers WebGL`, () => {
    expect(MAX_LOSSES_IN_A_ROW).toBe(3); // what the README says
    const { store, client, first, progressTo } = training();
    first.answer({ type: 'deviceLost', reason: 'a' });
    backOn(FakeWorker.last!);
    // Recovered, trains past the loss at 30: the count starts again.
    progressTo(FakeWorker.last!, 31);
    for (let loss = 1; loss < MAX_LOSSES_IN_A_ROW; loss++) {
      FakeWorker.last!.answer({ type: 'deviceLost', reason: 'b' });
      backOn(FakeWorker.last!);
      expect(store.getState().runs[0].state).toBe('starting');
      expect(startCommand(FakeWorker.last!)).toBeDefined();
    }
    FakeWorker.last!.answer({ type: 'deviceLost', reason: 'c' });
    const run = store.getState().runs[0];
    expect(run.state).toBe('failed');
    expect(run.message).toMatch(/at iteration 31: 3 losses in a row without getting further, so recovery stopped\. Resume continues from iteration 20/);
    expect(startCommand(FakeWorker.last!)).toBeUndefined();
    expect(store.getState().checkpoints.r1).toBeDefined();
    // WebGL is offered, never chosen behind the user's back.
    const [offer] = offers(store);
    expect(offer.message).toMatch(/WebGPU keeps failing/);
    expect(offer.actions?.map((action) => action.label)).toEqual(['Reload on WebGL']);
    client.dispose();
  });

  it('a replacement worker that cannot get WebGPU back: the run stops resumable, and the notice offers WebGL instead of switching to it', () => {
    const { store, client, first } = training();
    first.answer({ type: 'deviceLost', reason: 'GPU process crashed' });
    const second = FakeWorker.last!;
    // What the worker answers init with when none of its backends works (worker.ts, chooseBackend).
    second.answer({ type: 'error', scope: 'backend', message: 'No tfjs backend works in this browser. WebGPU not used: the browser gave no GPU adapter in 10 s.' });
    expect(startCommand(second)).toBeUndefined();
    const run = store.getState().runs[0];
    expect(run.state).toBe('failed');
    expect(run.message).toMatch(/^The GPU was reset \(the WebGPU device was lost: GPU process crashed\) at iteration 30, and WebGPU is no longer available in this page \(.*no GPU adapter in 10 s\)\. The run stopped: after a reload it resumes from iteration 20 on WebGPU/);
    expect(isResumable(store.getState(), run)).toBe(true);
    const [offer] = offers(store);
    expect(offer.message).toMatch(/^WebGPU is no longer available in this page: after two GPU resets within 2 minutes, Chromium gives it back to this site about 2 minutes after the first\. Reload then/);
    // A reload gives the page WebGPU back (measured on Chromium 156); WebGL only if the user picks it.
    expect(offer.actions?.map((action) => action.label)).toEqual(['Reload', 'Reload on WebGL']);
    expect(store.getState().backend).toBeNull(); // no backend was chosen behind the user's back
    client.dispose();
  });

  it('Stop while the new worker waits for its backend stops the run there, resumable, and it is not started after', () => {
    const { store, client, first } = training();
    first.answer({ type: 'deviceLost', reason: 'GPU process crashed' });
    client.stop();
    expect(store.getState().runs[0].state).toBe('stopped');
    expect(isResumable(store.getState(), store.getState().runs[0])).toBe(true);
    backOn(FakeWorker.last!);
    expect(startCommand(FakeWorker.last!)).toBeUndefined();
    client.dispose();
  });

  it('a run the user put on WebGL stays there after a crash, and is never offered WebGL', () => {
    const store = new Store();
    const client = new TrainingClient(store, { heartbeatTimeoutMs: 10_000 });
    client.init('data/', ['webgl']);
    backOn(FakeWorker.last!, 'webgl');
    store.dispatch({ type: 'historyRestored', runs: [] });
    store.dispatch({ type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 });
    client.start('r1', config);
    FakeWorker.last!.onerror?.({ message: 'out of memory' } as ErrorEvent);
    expect(FakeWorker.last!.sent[0]).toMatchObject({ type: 'init', backends: ['webgl'] });
    expect(offers(store).flatMap((notice) => notice.actions!.map((action) => action.label))).not.toContain('Reload on WebGL');
    client.dispose();
  });
});

describe('TrainingClient after the Reload a lost WebGPU offers', () => {
  /** sessionStorage as a Map. */
  function memorySession(): Storage {
    const items = new Map<string, string>();
    return { length: 0, key: () => null, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k), clear: () => items.clear() };
  }

  it('the reloaded page asks for WebGPU only, patiently, and says so if it does not come rather than choosing WebGL', () => {
    const session = memorySession();
    let reloaded = 0;
    reloadForWebGpu(session, () => reloaded++);
    expect(reloaded).toBe(1);
    const store = new Store();
    const client = new TrainingClient(store, { session });
    client.init('data/');
    expect(FakeWorker.last!.sent[0]).toEqual({ type: 'init', dataUrl: 'data/', backends: ['webgpu'], kernels: undefined, adapterPatienceMs: REPLACEMENT_ADAPTER_PATIENCE_MS });
    FakeWorker.last!.answer({ type: 'error', scope: 'backend', message: 'No tfjs backend works in this browser.' });
    expect(store.getState().notices.map((notice) => notice.actions?.map((action) => action.label))).toContainEqual(['Reload', 'Reload on WebGL']);
    client.dispose();

    // Only that once: the next page load chooses as any does.
    new TrainingClient(new Store(), { session }).init('data/');
    expect(FakeWorker.last!.sent[0]).toEqual({ type: 'init', dataUrl: 'data/', backends: undefined, kernels: undefined });
  });
});
