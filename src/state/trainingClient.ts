// The one object that owns the training Worker: it turns user intents into commands and worker events into
// store actions. Components never talk to the Worker directly.
import type { KernelMode } from '../model/kernels/kernelMode';
import type { TrainConfig } from '../config';
import type { BackendName, Command, SpeedMeasuredEvent, WorkerEvent } from '../protocol';
import type { Store } from './store';

export class TrainingClient {
  private readonly worker: Worker;
  /** measureSpeed promises waiting for their speedMeasured event, by requestId. */
  private readonly speedRequests = new Map<string, (event: SpeedMeasuredEvent) => void>();
  private nextSpeedRequest = 1;

  constructor(private readonly store: Store) {
    this.worker = new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
    this.worker.onmessage = (event: MessageEvent<WorkerEvent>) => {
      store.dispatch(event.data);
      if (event.data.type === 'speedMeasured') this.answerSpeedRequest(event.data);
    };
    this.worker.onerror = (event: ErrorEvent) => {
      const message = `The training worker crashed (${event.message || 'unknown error'}). The curves so far are kept.`;
      store.dispatch({ type: 'workerCrashed', message });
      // Nothing will answer the speed requests still open: settle them with the reason.
      [...this.speedRequests.keys()].forEach((requestId) => this.answerSpeedRequest({ type: 'speedMeasured', requestId, error: message }));
    };
  }

  init(dataUrl: string, backends?: BackendName[], kernels?: KernelMode): void {
    this.send({ type: 'init', dataUrl, backends, kernels });
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

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  stop(): void {
    this.send({ type: 'stop' });
  }

  dispose(): void {
    this.worker.terminate();
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
