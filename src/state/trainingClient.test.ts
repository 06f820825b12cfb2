// TrainingClient with a stand-in Worker: the speed requests are matched to their answers by requestId.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { presetById } from '../config';
import type { Command, SpeedMeasuredEvent, WorkerEvent } from '../protocol';
import { Store } from './store';
import { TrainingClient } from './trainingClient';

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
  /** A client whose run 'r1' trains in the first worker, has reached iteration 30 and has a checkpoint at 20 (unless not). */
  function training(withCheckpoint = true) {
    let clock = 0;
    const store = new Store();
    const client = new TrainingClient(store, { heartbeatTimeoutMs: 10_000, now: () => clock });
    client.init('data/', ['webgpu']);
    store.dispatch({ type: 'historyRestored', runs: [] });
    store.dispatch({ type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 });
    client.start('r1', config);
    const first = FakeWorker.last!;
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

  it('a lost GPU device: a new worker, initialised as the first, resumes the run from its checkpoint and one line says so', () => {
    const { store, client, first, advance } = training();
    first.answer({ type: 'deviceLost', reason: 'destroyed' });
    const second = FakeWorker.last!;
    expect(first.terminated).toBe(true);
    expect(second).not.toBe(first);
    expect(second.sent[0]).toEqual({ type: 'init', dataUrl: 'data/', backends: ['webgpu'], kernels: undefined });
    // The evaluation at the checkpoint (20) is not in the curve: evaluated again.
    expect(startCommand(second)).toEqual({ type: 'start', runId: 'r1', config, resume: { evaluate: true } });
    expect(store.getState().runs[0].state).toBe('starting');
    expect(store.getState().backend).toBeNull();

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

  it('without a checkpoint the run ends with a message that says so, and the queue waits', () => {
    const { store, client, first } = training(false);
    first.answer({ type: 'deviceLost', reason: 'unknown' });
    const run = store.getState().runs[0];
    expect(run.state).toBe('failed');
    expect(run.message).toMatch(/GPU was reset.*at iteration 30, and the run has no checkpoint/);
    expect(store.getState().queuePaused).toBe(true);
    expect(startCommand(FakeWorker.last!)).toBeUndefined();
    client.dispose();
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

  it('gives up after 3 recoveries in a row that never get past the loss, keeping the checkpoint for a later Resume', () => {
    const { store, client, first, progressTo } = training();
    first.answer({ type: 'deviceLost', reason: 'a' });
    // Recovered, trains past the loss at 30: the count starts again.
    progressTo(FakeWorker.last!, 31);
    for (let loss = 1; loss <= 3; loss++) {
      FakeWorker.last!.answer({ type: 'deviceLost', reason: 'b' });
      expect(store.getState().runs[0].state).toBe('starting');
    }
    FakeWorker.last!.answer({ type: 'deviceLost', reason: 'c' });
    const run = store.getState().runs[0];
    expect(run.state).toBe('failed');
    expect(run.message).toMatch(/4th time in a row.*Resume continues from iteration 20.*backend=webgl/);
    expect(store.getState().checkpoints.r1).toBeDefined();
    // WebGL is offered, never chosen behind the user's back.
    const offer = store.getState().notices.find((notice) => notice.actions !== undefined);
    expect(offer?.message).toMatch(/WebGPU keeps failing/);
    expect(offer?.actions?.map((action) => action.label)).toEqual(['Reload on WebGL']);
    client.dispose();
  });
});
