// The one object that owns the training Worker: it turns user intents into commands and worker events into
// store actions. Components never talk to the Worker directly.
import type { TrainConfig } from '../config';
import type { BackendName, Command, WorkerEvent } from '../protocol';
import type { Store } from './store';

export class TrainingClient {
  private readonly worker: Worker;
  private runCounter = 0;

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

  start(config: TrainConfig): string {
    this.runCounter += 1;
    const runId = `run-${Date.now().toString(36)}-${this.runCounter}`;
    this.store.dispatch({ type: 'runRequested', runId, config });
    this.send({ type: 'start', runId, config });
    return runId;
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
