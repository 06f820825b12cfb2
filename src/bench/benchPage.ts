// Benchmark page (run by `npm run bench`, or opened by hand): measures the training step of each requested
// network in a worker (benchWorker.ts), with the fused kernels and with the reference tfjs ops, counted at
// the WebGPU API. Query: ?backend=webgpu|webgl|cpu&depths=20,56&engines=fused,reference,layers&steps=3&warmup=2 plus
// any config key of the app's URL (width, batch, net...). &checkpoints=5&checkpointEvery=1,10,100 times 5
// checkpoint saves and restores of each network instead (checkpointTimes.ts). Results appear below and in window.benchResult.
import { presetById } from '../config';
import type { BackendName } from '../protocol';
import { configFromQuery } from '../state/urlConfig';
import type { BenchReply, BenchRequest, BenchRow, CheckpointRow } from './benchWorker';
import { isBenchEngine } from './engines';

export interface BenchResult {
  backend: string;
  adapter: string;
  rows: BenchRow[];
  checkpoints?: CheckpointRow[];
  error?: string;
}

declare global {
  interface Window {
    benchResult?: BenchResult;
  }
}

const params = new URLSearchParams(location.search);
const take = (key: string, fallback: string) => {
  const value = params.get(key) ?? fallback;
  params.delete(key);
  return value;
};
const steps = Number(take('steps', '3'));
const warmupSteps = Number(take('warmup', '2'));
const depths = take('depths', '20').split(',').map(Number);
const engines = take('engines', 'fused,reference,layers').split(',').filter(isBenchEngine);
const saves = Number(take('checkpoints', '0'));
const everySteps = take('checkpointEvery', '1,10,100').split(',').map(Number);
const { config, backends } = configFromQuery(params.toString(), presetById('paper').config);
const backend: BackendName = backends?.[0] ?? 'webgpu';
const configs = depths.map((depth) => ({ ...config, model: { ...config.model, depth } }));

const out = document.getElementById('out')!;
const result: BenchResult = { backend, adapter: '', rows: [] };
const worker = new Worker(new URL('./benchWorker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (event: MessageEvent<BenchReply>) => {
  const reply = event.data;
  if (reply.type === 'backend') {
    result.backend = reply.backend;
    result.adapter = reply.adapter;
  } else if (reply.type === 'row') {
    result.rows.push(reply.row);
  } else if (reply.type === 'checkpoint') {
    (result.checkpoints ??= []).push(reply.row);
  } else {
    if (reply.type === 'error') result.error = reply.message;
    window.benchResult = result;
  }
  out.textContent = JSON.stringify(result, null, 2);
};
const request: BenchRequest = { backend, configs, engines, steps, warmupSteps, ...(saves > 0 ? { checkpoints: { saves, everySteps } } : {}) };
worker.postMessage(request);
