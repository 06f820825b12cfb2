// Runs one WGSL compute shader on tfjs's own WebGPU device, in tfjs's own command stream, with any number of
// writable bindings. backend.runWebGPUProgram can write only ONE output per dispatch; a fused batch norm writes
// its output, its batch statistics and both running statistics, and an SGD update writes a parameter and its
// momentum, so this helper records the dispatch the way runWebGPUProgram does (same encoder, same compute pass,
// same submit batching, same deferred release of buffers) but binds the buffers the shader declares.
// Written against @tensorflow/tfjs-backend-webgpu 4.22 (package-lock pins it); the kernel tests fail loudly if
// a later version renames these internals.
import * as tf from '@tensorflow/tfjs';

/** The parts of tfjs 4.22's WebGPUBackend this folder uses. */
export interface WebGpuBackendInternals {
  device: GPUDevice;
  commandEncoder: GPUCommandEncoder | null;
  computePassEncoder: GPUComputePassEncoder | null;
  dispatchCountInPass: number;
  commandQueueOwnedIds: WeakSet<object>;
  tensorMap: { get(dataId: object): { resource?: unknown; values?: unknown; shape: number[]; dtype: string } };
  uploadToGPU(dataId: object): void;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  makeTensorInfo(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  bufferManager: { acquireBuffer(size: number, usage: number): GPUBuffer; releaseBuffer(buffer: GPUBuffer): void };
  incRef(dataId: object): void;
  disposeData(dataId: object): boolean;
  runWebGPUProgram(...args: unknown[]): tf.TensorInfo;
}

/** One buffer as a dispatch binds it: the tensor's storage, and how many bytes of it the shader sees. */
export interface BoundBuffer {
  /** The tensor as the kernel was handed it (a tf.Variable is itself a TensorInfo). */
  tensor: tf.TensorInfo;
  dataId: object;
  buffer: GPUBuffer;
  bytes: number;
}

/** What a recording (recordedDispatches.ts) is told of each dispatch, and of each output allocate() makes. */
export interface DispatchObserver {
  allocated(info: tf.TensorInfo): void;
  dispatched(kernel: GpuKernel, pipeline: GPUComputePipeline, bindings: readonly BoundBuffer[], writes: readonly tf.TensorInfo[]): void;
}

let observer: DispatchObserver | null = null;

/** Reports every later dispatch and allocation to `next` (null: to nobody). One observer at a time. */
export function observeDispatches(next: DispatchObserver | null): void {
  observer = next;
}

export interface GpuKernel {
  /** Names the pipeline in the cache and in GPU debuggers / the dispatch counter, e.g. 'BatchNormTrainForward'. */
  name: string;
  /** Everything that changes the WGSL (shapes and flags baked in as constants): one pipeline per distinct key. */
  key: string;
  /** A complete shader whose entry point is `main`, with `@group(0) @binding(i)` storage buffers in the order
   *  of `bindings` below (every one used, as the 'auto' layout drops unused ones). Called only when the
   *  pipeline for `key` is not compiled yet, so the training step does not build shader text. */
  wgsl: () => string;
  workgroups: readonly [number, number?, number?];
}

/** Shaders use 256 threads per workgroup: the WebGPU default limit of maxComputeInvocationsPerWorkgroup. */
export const WORKGROUP_SIZE = 256;

const pipelines = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

export function webGpuBackend(): WebGpuBackendInternals {
  if (tf.getBackend() !== 'webgpu') throw new Error('Fused kernels run on the webgpu backend only');
  return tf.backend() as unknown as WebGpuBackendInternals;
}

function pipelineFor(device: GPUDevice, kernel: GpuKernel): GPUComputePipeline {
  let cache = pipelines.get(device);
  if (!cache) pipelines.set(device, (cache = new Map()));
  const key = `${kernel.name}|${kernel.key}`;
  let pipeline = cache.get(key);
  if (!pipeline) {
    const module = device.createShaderModule({ code: kernel.wgsl(), label: kernel.name });
    pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: kernel.name });
    cache.set(key, pipeline);
  }
  return pipeline;
}

/** A new, uninitialised float32/int32 tensor's storage on the GPU, for a kernel to write. */
export function allocate(shape: number[], dtype: 'float32' | 'int32' = 'float32'): tf.TensorInfo {
  const backend = webGpuBackend();
  const info = backend.makeTensorInfo(shape, dtype);
  backend.uploadToGPU(info.dataId); // no values: acquires a buffer only
  observer?.allocated(info);
  return info;
}

/** Gives back a temporary made by allocate() and never wrapped as a tensor; tfjs frees its buffer after the
 *  submit of the commands recorded so far that use it. */
export function release(info: tf.TensorInfo): void {
  webGpuBackend().disposeData(info.dataId);
}

/** Wraps a TensorInfo made by allocate() as a tracked tf.Tensor (disposed by tidy like any other). */
export function asTensor<R extends tf.Rank>(info: tf.TensorInfo): tf.Tensor<R> {
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor<R>;
}

/**
 * Records kernel over `bindings` (binding i = bindings[i]) after every earlier tfjs op and before every later
 * one. Tensors listed in `writes` are modified in place: their CPU-side cache, if a read left one, is dropped
 * so the next read sees the GPU's values.
 */
export function dispatch(kernel: GpuKernel, bindings: readonly tf.TensorInfo[], writes: readonly tf.TensorInfo[] = []): void {
  const backend = webGpuBackend();
  const device = backend.device;
  const bound: BoundBuffer[] = bindings.map((t, binding) => {
    backend.uploadToGPU(t.dataId);
    const data = backend.tensorMap.get(t.dataId);
    if (!(data.resource && typeof (data.resource as GPUBuffer).size === 'number')) {
      throw new Error(`${kernel.name}: binding ${binding} is not a GPU buffer`);
    }
    return { tensor: t, dataId: t.dataId, buffer: data.resource as GPUBuffer, bytes: 4 * Math.max(1, t.shape.reduce((a, b) => a * b, 1)) };
  });
  const entries: GPUBindGroupEntry[] = bound.map(({ buffer, bytes }, binding) => ({ binding, resource: { buffer, offset: 0, size: bytes } }));
  const pipeline = pipelineFor(device, kernel);
  const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries, label: kernel.name });
  observer?.dispatched(kernel, pipeline, bound, writes);

  backend.ensureCommandEncoderReady();
  if (!backend.computePassEncoder) backend.computePassEncoder = backend.commandEncoder!.beginComputePass({});
  const pass = backend.computePassEncoder;
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  const [x, y = 1, z = 1] = kernel.workgroups;
  pass.dispatchWorkgroups(x, y, z);
  // Buffers a recorded command uses are released only after the submit (tfjs's disposal rule).
  bindings.forEach((t) => backend.commandQueueOwnedIds.add(t.dataId));
  for (const t of writes) backend.tensorMap.get(t.dataId).values = null;
  backend.dispatchCountInPass += 1;
  if (backend.dispatchCountInPass >= tf.env().getNumber('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE')) {
    backend.endComputePassEncoder();
    backend.submitQueue();
  }
}

/**
 * Replaces a tensor's values on the GPU in place (its buffer stays the same), ordered after every command
 * recorded so far: tfjs's pending commands are submitted first, so none of them sees the new values. For the
 * few values a training step takes from the CPU (the batch, the learning rate): a recorded step
 * (recordedDispatches.ts) is bound to these buffers and sees each new value without any new binding.
 */
export function writeInPlace(t: tf.TensorInfo, values: Float32Array | Int32Array): void {
  const backend = webGpuBackend();
  backend.uploadToGPU(t.dataId);
  const data = backend.tensorMap.get(t.dataId);
  if (values.length !== Math.max(1, t.shape.reduce((a, b) => a * b, 1))) {
    throw new Error(`writeInPlace: ${values.length} values for a tensor of shape [${t.shape.join(', ')}]`);
  }
  if (backend.commandEncoder) {
    backend.endComputePassEncoder();
    backend.submitQueue();
  }
  backend.device.queue.writeBuffer(data.resource as GPUBuffer, 0, values as Int32Array<ArrayBuffer>);
  data.values = null;
}

/** WebGPU's default limit of workgroups along one dimension. */
const MAX_GROUPS_PER_DIMENSION = 65_535;

/** Workgroups for one thread per element: 1-D, or 2-D past 65,535 groups (index with WGSL's flatIndex). */
export function workgroupsFor(elements: number): [number, number] {
  const groups = Math.max(1, Math.ceil(elements / WORKGROUP_SIZE));
  if (groups <= MAX_GROUPS_PER_DIMENSION) return [groups, 1];
  const rows = Math.ceil(groups / MAX_GROUPS_PER_DIMENSION);
  return [Math.ceil(groups / rows), rows];
}
