// Counts what a training step costs on a real GPU, at the WebGPU API itself (not from tfjs's or this project's
// bookkeeping): the prototypes of GPUDevice, GPUQueue, GPUCommandEncoder, GPUComputePassEncoder and GPUBuffer
// are wrapped BEFORE tfjs loads, so every call any library makes is seen. Works in a browser worker and in
// Node on Dawn (the `webgpu` package's globals), wherever those classes exist.

/** Running totals since install. Bytes are bytes; "uploads" are CPU->GPU copies of data (staging-buffer copies,
 *  writeBuffer into non-uniform buffers, buffers created mapped and filled), uniform writes are counted apart. */
export interface WebGpuCounts {
  dispatches: number;
  computePasses: number;
  submits: number;
  uploads: number;
  uploadBytes: number;
  uniformWrites: number;
  uniformBytes: number;
  /** GPU->CPU reads: mapAsync of a MAP_READ buffer (each stalls until the GPU has caught up). */
  reads: number;
  readBytes: number;
  pipelinesCreated: number;
  bindGroupsCreated: number;
  buffersCreated: number;
  /** Dispatches by compute-pipeline label (tfjs labels pipelines with its program's class name). */
  dispatchesByLabel: Record<string, number>;
}

// GPUBufferUsage / GPUMapMode bit values from the WebGPU spec (the globals may not exist where this is imported).
const MAP_READ = 0x1;
const MAP_WRITE = 0x2;
const UNIFORM = 0x40;

type AnyFunction = (this: unknown, ...args: never[]) => unknown;
interface Scope {
  GPUDevice?: { prototype: object };
  GPUQueue?: { prototype: object };
  GPUCommandEncoder?: { prototype: object };
  GPUComputePassEncoder?: { prototype: object };
  GPUBuffer?: { prototype: object };
}

export function emptyCounts(): WebGpuCounts {
  return {
    dispatches: 0,
    computePasses: 0,
    submits: 0,
    uploads: 0,
    uploadBytes: 0,
    uniformWrites: 0,
    uniformBytes: 0,
    reads: 0,
    readBytes: 0,
    pipelinesCreated: 0,
    bindGroupsCreated: 0,
    buffersCreated: 0,
    dispatchesByLabel: {},
  };
}

const counts = emptyCounts();
let installed = false;
/** The pipeline each pass encoder last set, to attribute its dispatches. */
const currentPipeline = new WeakMap<object, string>();
const pipelineLabel = new WeakMap<object, string>();
/** Programs dispatched since the last submit, for observeSubmits(). */
let programsSinceSubmit: string[] = [];
let submitObserver: ((queue: GPUQueue, programs: string[]) => void) | null = null;

/** Calls `observer` after every queue submit with the programs (pipeline labels) dispatched since the one
 *  before; null stops. Used to time programs (programTimes.ts). */
export function observeSubmits(observer: ((queue: GPUQueue, programs: string[]) => void) | null): void {
  submitObserver = observer;
}

function wrap(proto: object | undefined, name: string, before: (self: object, args: unknown[]) => void, after?: (self: object, args: unknown[], result: unknown) => void): void {
  if (!proto) return;
  const original = (proto as Record<string, AnyFunction>)[name];
  if (typeof original !== 'function') return;
  (proto as Record<string, unknown>)[name] = function (this: object, ...args: unknown[]) {
    before(this, args);
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    after?.(this, args, result);
    return result;
  };
}

function usageOf(buffer: unknown): number {
  return (buffer as { usage?: number }).usage ?? 0;
}
function sizeOf(buffer: unknown): number {
  return (buffer as { size?: number }).size ?? 0;
}

/** Wraps the WebGPU prototypes found on `scope` (globalThis in a browser; the `webgpu` package's globals in
 *  Node). Idempotent. Call before tfjs's webgpu backend creates its device. */
export function installWebGpuCounter(scope: Scope = globalThis as Scope): void {
  if (installed) return;
  installed = true;
  const device = scope.GPUDevice?.prototype;
  const queue = scope.GPUQueue?.prototype;
  const encoder = scope.GPUCommandEncoder?.prototype;
  const pass = scope.GPUComputePassEncoder?.prototype;
  const buffer = scope.GPUBuffer?.prototype;

  const labelPipeline = (args: unknown[], pipeline: unknown) => {
    const descriptor = args[0] as { label?: string } | undefined;
    if (pipeline && typeof pipeline === 'object') pipelineLabel.set(pipeline, descriptor?.label || 'unlabelled');
  };
  wrap(device, 'createComputePipeline', () => void (counts.pipelinesCreated += 1), (_s, args, result) => labelPipeline(args, result));
  wrap(device, 'createComputePipelineAsync', () => void (counts.pipelinesCreated += 1), (_s, args, result) => {
    void (result as Promise<unknown>).then((pipeline) => labelPipeline(args, pipeline), () => undefined);
  });
  wrap(device, 'createBindGroup', () => void (counts.bindGroupsCreated += 1));
  wrap(device, 'createBuffer', (_self, args) => {
    counts.buffersCreated += 1;
    const descriptor = args[0] as { size: number; usage: number; mappedAtCreation?: boolean };
    // A buffer created mapped, and not a staging buffer, is filled from the CPU directly (tfjs does this for
    // fresh tensor buffers): that is an upload of its whole size.
    if (descriptor.mappedAtCreation && !(descriptor.usage & MAP_WRITE)) {
      counts.uploads += 1;
      counts.uploadBytes += descriptor.size;
    }
  });
  wrap(
    queue,
    'submit',
    () => void (counts.submits += 1),
    (self) => {
      const programs = programsSinceSubmit;
      programsSinceSubmit = [];
      submitObserver?.(self as GPUQueue, programs);
    },
  );
  wrap(queue, 'writeBuffer', (_self, args) => {
    const [target, , data, dataOffset, size] = args as [unknown, number, ArrayBufferView | ArrayBuffer, number?, number?];
    const available = data instanceof ArrayBuffer ? data.byteLength : data.byteLength;
    const bytes = size ?? available - (dataOffset ?? 0);
    if (usageOf(target) & UNIFORM) {
      counts.uniformWrites += 1;
      counts.uniformBytes += bytes;
    } else {
      counts.uploads += 1;
      counts.uploadBytes += bytes;
    }
  });
  wrap(encoder, 'beginComputePass', () => void (counts.computePasses += 1));
  wrap(encoder, 'copyBufferToBuffer', (_self, args) => {
    const [source, , , , size] = args as [unknown, number, unknown, number, number];
    // A copy out of a CPU-written staging buffer is an upload.
    if (usageOf(source) & MAP_WRITE) {
      counts.uploads += 1;
      counts.uploadBytes += size ?? sizeOf(source);
    }
  });
  wrap(pass, 'setPipeline', (self, args) => currentPipeline.set(self, pipelineLabel.get(args[0] as object) ?? 'unlabelled'));
  const countDispatch = (self: object) => {
    counts.dispatches += 1;
    const label = currentPipeline.get(self) ?? 'unlabelled';
    counts.dispatchesByLabel[label] = (counts.dispatchesByLabel[label] ?? 0) + 1;
    programsSinceSubmit.push(label);
  };
  wrap(pass, 'dispatchWorkgroups', countDispatch);
  wrap(pass, 'dispatchWorkgroupsIndirect', countDispatch);
  wrap(buffer, 'mapAsync', (self, args) => {
    const mode = args[0] as number;
    if (mode & MAP_READ) {
      counts.reads += 1;
      counts.readBytes += sizeOf(self);
    }
  });
}

export function isWebGpuCounterInstalled(): boolean {
  return installed;
}

/** A copy of the totals (take two and subtract for a window). */
export function readWebGpuCounts(): WebGpuCounts {
  return { ...counts, dispatchesByLabel: { ...counts.dispatchesByLabel } };
}

/** after - before, field by field. */
export function countsBetween(before: WebGpuCounts, after: WebGpuCounts): WebGpuCounts {
  const out = emptyCounts();
  for (const key of Object.keys(out) as (keyof WebGpuCounts)[]) {
    if (key === 'dispatchesByLabel') continue;
    out[key] = (after[key] as number) - (before[key] as number);
  }
  for (const [label, n] of Object.entries(after.dispatchesByLabel)) {
    const d = n - (before.dispatchesByLabel[label] ?? 0);
    if (d !== 0) out.dispatchesByLabel[label] = d;
  }
  return out;
}
