// Benchmark page: drives the real training worker (same code as the app) through one run and measures it
// from the outside: ms per training step between trainProgress events, tensors alive after steps 5 and 25.
// Query: ?backend=webgpu|webgl|cpu&steps=25 plus any config key of the app's URL (net, depth, width, batch...).
import { presetById } from '../config';
import type { Command, WorkerEvent } from '../protocol';
import { servedDataUrl } from '../state/appState';
import { configFromQuery } from '../state/urlConfig';

export interface BenchResult {
  backend: string;
  adapter: string;
  model: string;
  batchSize: number;
  steps: number;
  /** Median over steps 6..N (steps 1-5 include shader compilation and warm-up). */
  msPerStepMedian: number;
  msPerStepMean: number;
  tensorsAfterStep5: number;
  tensorsAfterLastStep: number;
  error?: string;
}

declare global {
  interface Window {
    benchResult?: BenchResult;
  }
}

const params = new URLSearchParams(location.search);
const steps = Number(params.get('steps') ?? 25);
params.delete('steps');
const micro = presetById('micro').config;
// Defaults: the micro network, with an epoch long enough that no test evaluation falls inside the timed steps.
const { config, backends } = configFromQuery(params.toString(), { ...micro, trainSubset: micro.batchSize * (steps + 1), epochs: 1 });
const out = document.getElementById('out')!;
const worker = new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module' });
const send = (command: Command) => worker.postMessage(command);

let backend = '?';
let adapter = '';
const arrivals: { iteration: number; time: number; tensors: number }[] = [];

function finish(error?: string) {
  const durations: number[] = [];
  for (let i = 1; i < arrivals.length; i++) {
    const a = arrivals[i - 1];
    const b = arrivals[i];
    if (a.iteration >= 5) durations.push((b.time - a.time) / (b.iteration - a.iteration));
  }
  const sorted = [...durations].sort((x, y) => x - y);
  // Metrics are read every few steps, so take the first read at or after the step.
  const at = (iteration: number) => arrivals.find((a) => a.iteration >= iteration)?.tensors ?? -1;
  window.benchResult = {
    backend,
    adapter,
    model: `${config.model.blockType}-${config.model.depth} width ${config.model.width}`,
    batchSize: config.batchSize,
    steps,
    msPerStepMedian: round1(sorted[Math.floor(sorted.length / 2)] ?? NaN),
    msPerStepMean: round1(durations.reduce((s, d) => s + d, 0) / durations.length),
    tensorsAfterStep5: at(5),
    tensorsAfterLastStep: at(steps),
    error,
  };
  out.textContent = JSON.stringify(window.benchResult, null, 2);
  send({ type: 'stop' });
}

worker.onmessage = (event: MessageEvent<WorkerEvent>) => {
  const e = event.data;
  if (e.type === 'backend') {
    backend = e.backend;
    adapter = e.detail;
  } else if (e.type === 'data' && e.status.state === 'ready') {
    send({ type: 'start', runId: 'bench', config });
  } else if (e.type === 'data' && (e.status.state === 'missing' || e.status.state === 'error')) {
    finish(e.status.message);
  } else if (e.type === 'trainProgress') {
    arrivals.push({ iteration: e.iteration, time: performance.now(), tensors: e.tensorsAlive });
    out.textContent = `step ${e.iteration} / ${steps}`;
    if (e.iteration >= steps && !window.benchResult) finish();
  } else if (e.type === 'runState' && e.state === 'failed') {
    finish(e.message);
  } else if (e.type === 'error') {
    finish(e.message);
  }
};
send({ type: 'init', dataUrl: servedDataUrl(), backends });

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
