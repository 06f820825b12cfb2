// A training step recorded once and replayed: the fixed list of dispatches the fused kernels issued for it, over
// buffers that live as long as the recording, with every pipeline and bind group made once. Replaying costs the
// CPU three WebGPU calls per dispatch and nothing of tfjs's (no tape, no tensors, no bind groups): on Dawn's
// null backend a ResNet-20 step drops from ~10 ms of CPU to the figures in docs/benchmarks.md.
//
// What a recording holds:
// - tensors that existed before the step (weights, momentum, BN statistics, metric sums, the batch and lr slots,
//   constants): their own buffers, with a reference held so they stay put. Their owners must update them in
//   place (the kernels and writeInPlace do); a replaced tensor (tf.Variable.assign) makes the recording stale.
// - tensors made by allocate() within the step (activations, gradients): buffers of the recording's own, shared
//   by tensors whose lives do not overlap (bufferPlan.ts).
// A step that runs anything but this folder's kernels (a tfjs program, a tensor that outlives the step) cannot
// be recorded: record() throws RecordingRefused, and the caller keeps running the step as it is.
import * as tf from '@tensorflow/tfjs';
import { planBuffers, type Lifetime } from './bufferPlan';
import { observeDispatches, webGpuBackend, type BoundBuffer, type GpuKernel, type WebGpuBackendInternals } from './gpuDispatch';

/** Dispatches per submit when replaying: what tfjs's WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE gives the step when it
 *  is not recorded (15), so the page's compositor gets the GPU as often as before (a step in one submit held
 *  SwiftShader's queue for seconds; one giant submit also made 166 ms frames in TVM's WebGPU runtime). */
export const DISPATCHES_PER_SUBMIT = 15;

export class RecordingRefused extends Error {}

/** GPUBufferUsage STORAGE | COPY_SRC | COPY_DST (spec values; the globals may be missing where this is imported):
 *  tfjs's usage for a tensor's buffer, hence its pool's key together with the size. */
const TENSOR_BUFFER_USAGE = 0x80 | 0x4 | 0x8;

interface RecordedDispatch {
  kernel: string;
  pipeline: GPUComputePipeline;
  bindings: readonly BoundBuffer[];
  writes: readonly object[];
  workgroups: readonly [number, number, number];
}

/** A binding of a replayed dispatch: one of the record's own buffers (by index), or a held tensor's buffer. */
type ReplayedBinding = { own: number; bytes: number } | { buffer: GPUBuffer; bytes: number };

interface ReplayedDispatch {
  kernel: string;
  pipeline: GPUComputePipeline;
  bindings: readonly ReplayedBinding[];
  bindGroup: GPUBindGroup | null;
  x: number;
  y: number;
  z: number;
}

/** A tensor that lives outside the step, as the recording found it. */
interface HeldTensor {
  dataId: object;
  buffer: GPUBuffer;
  /** A kernel of the step writes it: its CPU copy (if a read left one) is stale after each replay. */
  written: boolean;
  /** The tf.Variables the step bound it through: a variable that now points at other data was assigned. */
  variables: tf.Variable[];
}

export class RecordedDispatches {
  private readonly backend: WebGpuBackendInternals;
  private readonly dispatches: ReplayedDispatch[];
  private readonly held: HeldTensor[];
  private ownBuffers: GPUBuffer[];
  private readonly ownBufferBytes: readonly number[];
  private disposed = false;
  /** Dispatches by kernel name, for reports. */
  readonly dispatchesByKernel: Readonly<Record<string, number>>;
  /** Bytes of the recording's own buffers (the step's activations and gradients). */
  readonly ownBytes: number;
  /** The most bytes of the step's own tensors alive at one dispatch: what no plan can go below. */
  readonly peakBytes: number;

  /** Runs `step` once (it executes as usual) and records what it dispatched. Throws RecordingRefused when the
   *  step cannot be replayed from a record. */
  static record(step: () => void): RecordedDispatches {
    const backend = webGpuBackend();
    const recorded: RecordedDispatch[] = [];
    const allocated = new Set<object>();
    let foreign: string | null = null;
    const runProgram = backend.runWebGPUProgram;
    // A tfjs program in the step would be left out of the record: note it, and refuse below.
    backend.runWebGPUProgram = function (this: WebGpuBackendInternals, ...args: unknown[]) {
      foreign ??= (args[0] as { constructor?: { name?: string } })?.constructor?.name ?? 'program';
      return runProgram.apply(this, args);
    };
    observeDispatches({
      allocated: (info) => allocated.add(info.dataId),
      dispatched: (kernel: GpuKernel, pipeline, bindings, writes) => {
        const [x, y = 1, z = 1] = kernel.workgroups;
        recorded.push({ kernel: kernel.name, pipeline, bindings, writes: writes.map((w) => w.dataId), workgroups: [x, y, z] });
      },
    });
    try {
      step();
    } finally {
      observeDispatches(null);
      delete (backend as Partial<WebGpuBackendInternals>).runWebGPUProgram; // the prototype's method again
      if (backend.runWebGPUProgram !== runProgram) backend.runWebGPUProgram = runProgram;
    }
    if (foreign) throw new RecordingRefused(`the step ran tfjs's ${foreign}, which a record cannot replay`);
    if (recorded.length === 0) throw new RecordingRefused('the step dispatched nothing of this project\'s kernels');
    for (const dataId of allocated) {
      if ((backend.tensorMap as unknown as Map<object, unknown>).has(dataId) && isAlive(backend, dataId)) {
        throw new RecordingRefused('a tensor made in the step outlives it');
      }
    }
    return new RecordedDispatches(backend, recorded, allocated);
  }

  private constructor(backend: WebGpuBackendInternals, recorded: readonly RecordedDispatch[], allocated: ReadonlySet<object>) {
    this.backend = backend;
    // Lifetimes of the step's own tensors; everything else is held where it is.
    const lifetimes = new Map<object, Lifetime>();
    const held = new Map<object, HeldTensor>();
    recorded.forEach((d, i) => {
      for (const { tensor, dataId, buffer, bytes } of d.bindings) {
        if (allocated.has(dataId)) {
          const life = lifetimes.get(dataId);
          if (life) {
            life.last = i;
            life.bytes = Math.max(life.bytes, bytes);
          } else lifetimes.set(dataId, { first: i, last: i, bytes });
          continue;
        }
        let h = held.get(dataId);
        if (!h) held.set(dataId, (h = { dataId, buffer, written: false, variables: [] }));
        if (tensor instanceof tf.Variable && !h.variables.includes(tensor)) h.variables.push(tensor);
      }
      for (const dataId of d.writes) {
        const h = held.get(dataId);
        if (h) h.written = true;
      }
    });
    const temporaries = [...lifetimes.keys()];
    const plan = planBuffers(temporaries.map((t) => lifetimes.get(t)!));
    // Taken from tfjs's buffer pool, with the usage and exact size tfjs gives a tensor's buffer: the recording step
    // has just returned buffers of these sizes to the pool, so they are reused rather than made, and tf.memory()
    // counts them as in use.
    this.ownBufferBytes = plan.bufferBytes;
    this.ownBuffers = this.acquireOwnBuffers();
    this.ownBytes = plan.bufferBytes.reduce((a, b) => a + b, 0);
    this.peakBytes = peakLiveBytes([...lifetimes.values()]);
    const ownIndex = new Map(temporaries.map((t, i) => [t, plan.bufferOf[i]]));
    this.dispatches = recorded.map((d) => ({
      kernel: d.kernel,
      pipeline: d.pipeline,
      bindings: d.bindings.map(({ dataId, buffer, bytes }) => {
        const own = ownIndex.get(dataId);
        return own === undefined ? { buffer, bytes } : { own, bytes };
      }),
      bindGroup: null,
      x: d.workgroups[0],
      y: d.workgroups[1],
      z: d.workgroups[2],
    }));
    this.makeBindGroups();
    this.held = [...held.values()];
    for (const h of this.held) backend.incRef(h.dataId);
    const byKernel: Record<string, number> = {};
    for (const d of recorded) byKernel[d.kernel] = (byKernel[d.kernel] ?? 0) + 1;
    this.dispatchesByKernel = byKernel;
  }

  private acquireOwnBuffers(): GPUBuffer[] {
    return this.ownBufferBytes.map((bytes) => this.backend.bufferManager.acquireBuffer(bytes, TENSOR_BUFFER_USAGE));
  }

  private makeBindGroups(): void {
    const { device } = this.backend;
    for (const d of this.dispatches) {
      d.bindGroup = device.createBindGroup({
        layout: d.pipeline.getBindGroupLayout(0),
        entries: d.bindings.map((b, binding) => ({
          binding,
          resource: { buffer: 'own' in b ? this.ownBuffers[b.own] : b.buffer, offset: 0, size: b.bytes },
        })),
        label: d.kernel,
      });
    }
  }

  /**
   * Runs `work` (a step through tfjs's tape: a diagnostics sample) with the record's own buffers back in tfjs's
   * pool, where that step's tensors of the same sizes find them, so the GPU holds one step's activations, not
   * two. Afterwards the record takes buffers of its sizes again; where the pool hands back other buffers than
   * before, the bind groups are made again (once per such step).
   */
  withBuffersLent<T>(work: () => T): T {
    const { backend } = this;
    for (const buffer of this.ownBuffers) backend.bufferManager.releaseBuffer(buffer);
    try {
      return work();
    } finally {
      // The step's tensors return to the pool at tfjs's next submit: submit now.
      if (backend.commandEncoder) {
        backend.endComputePassEncoder();
        backend.submitQueue();
      }
      const again = this.acquireOwnBuffers();
      const moved = again.some((buffer, i) => buffer !== this.ownBuffers[i]);
      this.ownBuffers = again;
      if (moved) this.makeBindGroups();
    }
  }

  get dispatchCount(): number {
    return this.dispatches.length;
  }

  /** False once a tensor the record is bound to was dropped or replaced by its owner (e.g. a restored
   *  checkpoint assigns new tensors): the record would update a copy nobody reads. Then record again. */
  isCurrent(): boolean {
    if (this.disposed) return false;
    for (const h of this.held) {
      const data = this.backend.tensorMap.get(h.dataId) as { resource?: unknown; refCount?: number } | undefined;
      // The record's own reference is one; the owner's is another.
      if (!data || data.resource !== h.buffer || (data.refCount ?? 0) < 2) return false;
      for (const variable of h.variables) if (variable.dataId !== h.dataId) return false;
    }
    return true;
  }

  /** Encodes the whole step again, after everything tfjs has recorded so far, and submits it. */
  replay(): void {
    if (this.disposed) throw new Error('replay of a disposed record');
    const backend = this.backend;
    if (backend.commandEncoder) {
      backend.endComputePassEncoder();
      backend.submitQueue();
    }
    const { device } = backend;
    let encoder = device.createCommandEncoder();
    let pass = encoder.beginComputePass();
    let pipeline: GPUComputePipeline | null = null;
    this.dispatches.forEach((d, i) => {
      if (i > 0 && i % DISPATCHES_PER_SUBMIT === 0) {
        pass.end();
        device.queue.submit([encoder.finish()]);
        encoder = device.createCommandEncoder();
        pass = encoder.beginComputePass();
        pipeline = null;
      }
      if (d.pipeline !== pipeline) pass.setPipeline((pipeline = d.pipeline));
      pass.setBindGroup(0, d.bindGroup!);
      pass.dispatchWorkgroups(d.x, d.y, d.z);
    });
    pass.end();
    device.queue.submit([encoder.finish()]);
    for (const h of this.held) {
      if (!h.written) continue;
      const data = backend.tensorMap.get(h.dataId) as { values?: unknown } | undefined;
      if (data) data.values = null;
    }
  }

  /** Returns the record's own buffers to tfjs's pool and lets go of the tensors it held. Work already submitted
   *  still completes first: whatever tfjs writes into a returned buffer is submitted after it. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const buffer of this.ownBuffers) this.backend.bufferManager.releaseBuffer(buffer);
    for (const h of this.held) this.backend.disposeData(h.dataId);
  }
}

function peakLiveBytes(lifetimes: readonly Lifetime[]): number {
  const last = Math.max(0, ...lifetimes.map((t) => t.last));
  const delta = new Array<number>(last + 2).fill(0);
  for (const t of lifetimes) {
    delta[t.first] += t.bytes;
    delta[t.last + 1] -= t.bytes;
  }
  let alive = 0;
  let peak = 0;
  for (const d of delta) peak = Math.max(peak, (alive += d));
  return peak;
}

/** Whether tfjs still holds the tensor (not merely waiting for a submit to release it). */
function isAlive(backend: WebGpuBackendInternals, dataId: object): boolean {
  const data = backend.tensorMap.get(dataId) as { refCount?: number } | undefined;
  return (data?.refCount ?? 0) > 0;
}
