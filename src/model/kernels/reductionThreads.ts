// Threads per workgroup of the per-channel reductions (batch norm in training mode: one workgroup per channel,
// summing its N = B*H*W values with workgroup barriers), chosen for the adapter that runs them.
// - A GPU runs a workgroup's threads in parallel lanes, and these kernels have only C workgroups (16 to 64),
//   so each gets 256 threads, WebGPU's default limit.
// - A CPU adapter (SwiftShader: Chromium and Dawn without a GPU, and so CI) runs 4 invocations at a time and
//   turns every invocation of a workgroup that has barriers into a coroutine, switched at each barrier. There
//   16 threads are 3-20x faster than 256 (batch 8, SwiftShader on 2 cores: forward 20 -> 6.4 ms at 32x32x16,
//   52 -> 2.5 ms at 8x8x64; see docs/benchmarks.md) and keep the parallelism a CPU has.
// The kernels are correct at any width; the WebGPU tier runs them at both.
import * as tf from '@tensorflow/tfjs';

export const GPU_REDUCTION_THREADS = 256;
export const CPU_REDUCTION_THREADS = 16;

let forced: number | null = null;
/** Per backend instance: the adapter does not change under a backend, and batch norm asks on every step. */
const chosen = new WeakMap<object, number>();

/** Tests: run the reductions at `threads` whatever the adapter (null: choose by adapter again). */
export function forceReductionThreads(threads: number | null): void {
  forced = threads;
}

/** True for an adapter that runs WGSL on the CPU (tfjs keeps the adapter's vendor and architecture). */
export function isCpuAdapter(info: { vendor?: string; architecture?: string } | undefined): boolean {
  return /swiftshader|llvmpipe|lavapipe/i.test(`${info?.vendor ?? ''} ${info?.architecture ?? ''}`);
}

export function reductionThreads(): number {
  if (forced !== null) return forced;
  const backend = tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string } };
  let threads = chosen.get(backend);
  if (threads === undefined) {
    threads = isCpuAdapter(backend.adapterInfo) ? CPU_REDUCTION_THREADS : GPU_REDUCTION_THREADS;
    chosen.set(backend, threads);
  }
  return threads;
}
