// TrainingClient with a stand-in Worker: the speed requests are matched to their answers by requestId.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presetById } from '../config';
import type { Command, SpeedMeasuredEvent, WorkerEvent } from '../protocol';
import { Store } from './store';
import { TrainingClient } from './trainingClient';

class FakeWorker {
  static last: FakeWorker | null = null;
  sent: Command[] = [];
  onmessage: ((event: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(command: Command): void {
    this.sent.push(command);
  }
  terminate(): void {}
  answer(event: WorkerEvent): void {
    this.onmessage?.({ data: event } as MessageEvent<WorkerEvent>);
  }
}

const realWorker = globalThis.Worker;
beforeEach(() => {
  globalThis.Worker = FakeWorker as unknown as typeof Worker;
});
afterEach(() => {
  globalThis.Worker = realWorker;
});

const config = presetById('short').config;

function measured(requestId: string, msPerStep: number): SpeedMeasuredEvent {
  return { type: 'speedMeasured', requestId, key: `k${msPerStep}`, backend: 'webgl', msPerStep, msPerEvalImage: 1, measuredAt: 5 };
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
