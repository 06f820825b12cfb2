/// <reference lib="webworker" />
// The worker's only job: adapt messages to the trainer and the data loader. All tensors live on this thread.
import { describeConfigErrors, validateConfig } from '../configValidation';
import { assertNever, type Command, type WorkerEvent } from '../protocol';
import { chooseBackend, watchWebGpuDeviceLoss } from './backend';
import { DatasetHolder } from './datasetHolder';
import { RunControl } from './runControl';
import { train } from './trainer';

declare const self: DedicatedWorkerGlobalScope;

function post(event: WorkerEvent): void {
  self.postMessage(event);
}

const dataset = new DatasetHolder(post);
let backendReady: Promise<boolean> = Promise.resolve(false);
let activeRun: RunControl | null = null;

async function handle(command: Command): Promise<void> {
  switch (command.type) {
    case 'init':
      backendReady = chooseBackend(command.backends)
        .then((choice) => {
          post({ type: 'backend', ...choice });
          watchWebGpuDeviceLoss((reason) => {
            activeRun?.stop();
            post({
              type: 'error',
              scope: 'backend',
              message: `The GPU device was lost (${reason}), so WebGPU cannot go on. The curves so far are kept; reload the page to train again.`,
            });
          });
          return true;
        })
        .catch((error: unknown) => {
          post({ type: 'error', scope: 'backend', message: error instanceof Error ? error.message : String(error) });
          return false;
        });
      await dataset.loadInitial(command.dataUrl);
      return;
    case 'loadFiles':
      if (activeRun) {
        post({ type: 'error', scope: 'data', message: 'Stop the current run before loading another dataset.' });
        return;
      }
      await dataset.loadUserFiles(command.files);
      return;
    case 'start':
      return startRun(command.runId, command.config);
    case 'pause':
      activeRun?.pause();
      return;
    case 'resume':
      activeRun?.resume();
      return;
    case 'stop':
      activeRun?.stop();
      return;
    default:
      assertNever(command);
  }
}

async function startRun(runId: string, config: Extract<Command, { type: 'start' }>['config']): Promise<void> {
  const refuse = (message: string) => post({ type: 'runState', runId, state: 'failed', message });
  if (activeRun) return refuse('A run is already training: stop it first.');
  const errors = validateConfig(config);
  if (Object.keys(errors).length > 0) return refuse(`Invalid configuration: ${describeConfigErrors(errors)}`);
  if (!(await backendReady)) return refuse('No tfjs backend is available, so nothing can train.');
  const data = dataset.trainingData();
  if (!data) return refuse('CIFAR-10 is not loaded yet: load the dataset first.');
  const control = new RunControl();
  activeRun = control;
  try {
    await train(runId, config, data, post, control);
  } finally {
    activeRun = null;
  }
}

self.onmessage = (event: MessageEvent<Command>) => {
  handle(event.data).catch((error: unknown) => {
    post({ type: 'error', scope: 'training', message: error instanceof Error ? error.message : String(error) });
  });
};
