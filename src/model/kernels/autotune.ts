// Picks each kernel class's implementation by timing every candidate on the GPU at hand, for the shapes a network
// uses, as cuDNN's benchmark mode and Burn's autotune do: what was fastest on the CPU emulator these kernels were
// first tuned on says little about a GPU (DESIGN.md). GPU time comes from timestamp queries where the adapter
// offers them (tfjs asks for the feature), else from the wall time of repeated runs around onSubmittedWorkDone.
// The caller keeps the choices (per adapter, in the browser) and sets them with kernelChoice.ts.
import * as tf from '@tensorflow/tfjs';
import { BATCH_NORM_BACKWARD, BATCH_NORM_FORWARD, CONV_FILTER_GRADIENT, CONV_FORWARD, CONV_INPUT_GRADIENT } from './candidates';
import type { ConvGeometry } from './convGeometry';
import { allocate, release, webGpuBackend } from './gpuDispatch';
import type { BatchNormShape, Implementation } from './implementation';
import { choiceKey, listenToKernelUses, type KernelClass, type KernelUse } from './kernelChoice';

/** A kernel class at one shape, as a step uses it: `count` times per step. */
export interface CountedUse extends KernelUse {
  count: number;
}

export interface CandidateTime {
  name: string;
  /** GPU milliseconds per run; null when not timed (`why` says why). */
  ms: number | null;
  why?: string;
}

export interface KernelTiming {
  kernelClass: KernelClass;
  shapeKey: string;
  /** Runs per training step. */
  count: number;
  chosen: string;
  candidates: CandidateTime[];
}

export interface AutotuneResult {
  timing: 'timestamp-query' | 'wall-clock';
  budgetMs: number;
  spentMs: number;
  timings: KernelTiming[];
  /** kernelChoice.ts keys -> implementation name, for every shape that was timed. */
  choices: Record<string, string>;
}

export interface AutotuneOptions {
  /** Stop timing new shapes after this long (the untimed keep their default); milliseconds of wall time. */
  budgetMs: number;
  /** Timed runs per candidate (after one untimed run that compiles its pipelines). */
  repetitions?: number;
  /** Time a shape with one candidate too (the device report's GPU time per kernel class needs them all). */
  timeSingles?: boolean;
  /** After each shape: shapes done, shapes in all. */
  onProgress?: (done: number, total: number) => void;
}

const CANDIDATES: Record<KernelClass, readonly Implementation<never, never>[]> = {
  convForward: CONV_FORWARD as readonly Implementation<never, never>[],
  convInputGradient: CONV_INPUT_GRADIENT as readonly Implementation<never, never>[],
  convFilterGradient: CONV_FILTER_GRADIENT as readonly Implementation<never, never>[],
  batchNormForward: BATCH_NORM_FORWARD as readonly Implementation<never, never>[],
  batchNormBackward: BATCH_NORM_BACKWARD as readonly Implementation<never, never>[],
};

/** The kernel classes and shapes `step` asks kernelChoice.ts for, each with how often. */
export function collectKernelUses(step: () => void): CountedUse[] {
  const uses = new Map<string, CountedUse>();
  listenToKernelUses((use) => {
    const key = choiceKey(use.kernelClass, use.shapeKey);
    const seen = uses.get(key);
    if (seen) seen.count += 1;
    else uses.set(key, { ...use, count: 1 });
  });
  try {
    step();
  } finally {
    listenToKernelUses(null);
  }
  return [...uses.values()];
}

/** The candidates of a class that handle the shape, default first. */
export function candidatesFor(use: KernelUse): Implementation<unknown, unknown>[] {
  return (CANDIDATES[use.kernelClass] as readonly Implementation<unknown, unknown>[]).filter((c) => c.handles(use.shape));
}

/** Times every candidate of every use (largest first, so the budget goes where most time is), within the budget. */
export async function autotune(uses: readonly CountedUse[], options: AutotuneOptions): Promise<AutotuneResult> {
  const repetitions = options.repetitions ?? 3;
  const timer = hasTimestamps() ? timestampTimer : wallClockTimer;
  const started = performance.now();
  const timings: KernelTiming[] = [];
  const choices: Record<string, string> = {};
  const ordered = [...uses].sort((a, b) => work(b) - work(a));
  for (const [i, use] of ordered.entries()) {
    const candidates = candidatesFor(use);
    const timing: KernelTiming = { kernelClass: use.kernelClass, shapeKey: use.shapeKey, count: use.count, chosen: candidates[0]?.name ?? 'tfjs', candidates: [] };
    timings.push(timing);
    if (candidates.length === 0 || (candidates.length === 1 && !options.timeSingles)) {
      timing.candidates = candidates.map((c) => ({ name: c.name, ms: null, why: 'the only candidate for this shape' }));
    } else if (performance.now() - started > options.budgetMs) {
      timing.candidates = candidates.map((c) => ({ name: c.name, ms: null, why: 'over the time budget: the default is kept' }));
    } else {
      const operands = makeOperands(use);
      try {
        for (const candidate of candidates) {
          const run = () => candidate.run(use.shape, operands.tensors);
          await timer(run, 1); // compiles its pipelines, outside the timing
          timing.candidates.push({ name: candidate.name, ms: await timer(run, repetitions) });
        }
      } finally {
        operands.dispose();
      }
      const fastest = timing.candidates.reduce((a, b) => ((b.ms ?? Infinity) < (a.ms ?? Infinity) ? b : a));
      timing.chosen = fastest.name;
      if (candidates.length > 1) choices[choiceKey(use.kernelClass, use.shapeKey)] = fastest.name;
    }
    options.onProgress?.(i + 1, ordered.length);
  }
  return { timing: hasTimestamps() ? 'timestamp-query' : 'wall-clock', budgetMs: options.budgetMs, spentMs: Math.round(performance.now() - started), timings, choices };
}

/** Multiply-adds of one run, to time the heaviest shapes first. */
function work(use: KernelUse): number {
  if (use.kernelClass.startsWith('conv')) {
    const g = use.shape as ConvGeometry;
    return g.batch * g.outHeight * g.outWidth * g.outChannels * g.kernelHeight * g.kernelWidth * g.inChannels;
  }
  const s = use.shape as BatchNormShape;
  return s.channels * s.count;
}

/** Random operands (and outputs) of a use's shape; dispose() frees them. */
function makeOperands(use: KernelUse): { tensors: never; dispose(): void } {
  const made: tf.TensorInfo[] = [];
  const random = (shape: number[], seed: number, mean = 0) => {
    const t = tf.randomNormal(shape, mean, 1, 'float32', seed);
    made.push(t);
    return t as tf.TensorInfo;
  };
  const output = (shape: number[]) => {
    const t = allocate(shape);
    made.push(t);
    return t;
  };
  let tensors: object;
  if (use.kernelClass.startsWith('conv')) {
    const g = use.shape as ConvGeometry;
    const x = [g.batch, g.inHeight, g.inWidth, g.inChannels];
    const y = [g.batch, g.outHeight, g.outWidth, g.outChannels];
    const w = [g.kernelHeight, g.kernelWidth, g.inChannels, g.outChannels];
    if (use.kernelClass === 'convForward') tensors = { x: random(x, 1), filter: random(w, 2), y: output(y) };
    else if (use.kernelClass === 'convInputGradient') tensors = { dy: random(y, 1), filter: random(w, 2), dx: output(x) };
    else tensors = { x: random(x, 1), dy: random(y, 2), dw: output(w) };
  } else {
    const s = use.shape as BatchNormShape;
    const values = [s.count, s.channels];
    const perChannel = () => random([s.channels], 3);
    if (use.kernelClass === 'batchNormForward') {
      tensors = {
        x: random(values, 1),
        gamma: perChannel(),
        beta: perChannel(),
        shortcut: s.add ? random(values, 2) : null,
        runningMean: perChannel(),
        runningVariance: random([s.channels], 4, 2),
        stats: output([3, s.channels]),
        y: output(values),
      };
    } else {
      tensors = {
        dy: random(values, 1),
        y: s.relu ? random(values, 2) : null,
        x: random(values, 3),
        stats: random([3, s.channels], 4, 1),
        dgamma: output([s.channels]),
        dbeta: output([s.channels]),
        dx: output(values),
        dshortcut: s.add && s.relu ? output(values) : null,
      };
    }
  }
  return {
    tensors: tensors as never,
    dispose: () => made.forEach((t) => (t instanceof tf.Tensor ? t.dispose() : release(t))),
  };
}

function hasTimestamps(): boolean {
  return webGpuBackend().device.features.has('timestamp-query');
}

/** Submits what tfjs has recorded and waits for the GPU to finish everything submitted. */
async function drain(): Promise<void> {
  const backend = webGpuBackend();
  if (backend.commandEncoder) {
    backend.endComputePassEncoder();
    backend.submitQueue();
  }
  await backend.device.queue.onSubmittedWorkDone();
}

/** tfjs ends a pass every WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE dispatches; a timed pass must hold all of a run's. */
async function inOnePass<T>(work: () => Promise<T>): Promise<T> {
  const flag = 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE';
  const before = tf.env().getNumber(flag);
  tf.env().set(flag, 1_000_000);
  try {
    return await work();
  } finally {
    tf.env().set(flag, before);
  }
}

async function wallClockTimer(run: () => void, repetitions: number): Promise<number> {
  await drain();
  const start = performance.now();
  for (let r = 0; r < repetitions; r++) run();
  await drain();
  return (performance.now() - start) / repetitions;
}

/** GPU time of `repetitions` runs in one compute pass, from the pass's beginning and end timestamps. */
async function timestampTimer(run: () => void, repetitions: number): Promise<number> {
  await drain();
  const backend = webGpuBackend();
  const { device } = backend;
  const querySet = device.createQuerySet({ type: 'timestamp', count: 2 });
  const resolved = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const readable = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    await inOnePass(async () => {
      backend.ensureCommandEncoderReady();
      backend.computePassEncoder = backend.commandEncoder!.beginComputePass({
        timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 },
      });
      for (let r = 0; r < repetitions; r++) run();
      backend.endComputePassEncoder();
      backend.commandEncoder!.resolveQuerySet(querySet, 0, 2, resolved, 0);
      backend.commandEncoder!.copyBufferToBuffer(resolved, 0, readable, 0, 16);
      backend.submitQueue();
    });
    await readable.mapAsync(GPUMapMode.READ);
    const [begin, end] = new BigUint64Array(readable.getMappedRange().slice(0));
    readable.unmap();
    return Number(end - begin) / 1e6 / repetitions;
  } finally {
    querySet.destroy();
    resolved.destroy();
    readable.destroy();
  }
}
