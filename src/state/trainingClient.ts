// The one object that owns the training Worker: it turns user intents into commands and worker events into
// store actions. Components never talk to the Worker directly.
import type { TrainConfig } from '../config';
import type { BackendName, Command, WorkerEvent } from '../protocol';
import type { Store } from './store';

export class TrainingClient {
  private readonly worker: Worker;

  constructor(private readonly store: Store) {
    this.worker = new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
    this.worker.onmessage = (event: MessageEvent<WorkerEvent>) => store.dispatch(event.data);
    this.worker.onerror = (event: ErrorEvent) => {
      store.dispatch({ type: 'workerCrashed', message: `The training worker crashed (${event.message || 'unknown error'}). The curves so far are kept.` });
    };
  }

  init(dataUrl: string, backends?: BackendName[]): void {
    this.send({ type: 'init', dataUrl, backends });
  }

  loadFiles(files: File[]): void {
    this.send({ type: 'loadFiles', files });
  }

  /** Hands a queued run to the worker (the queue runner calls this; see queueRunner.ts). */
  start(runId: string, config: TrainConfig): void {
    this.store.dispatch({ type: 'runStarting', runId });
    this.send({ type: 'start', runId, config });
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

  private send(command: Command): void {
    this.worker.postMessage(command);
  }
}
