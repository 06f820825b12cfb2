// Whether and how a run times this GPU's kernel candidates (autotune.ts), decided once per worker: on a real GPU by
// default, within TUNING_BUDGET_MS; never on a software adapter (SwiftShader, llvmpipe) unless the URL asks
// (?autotune=on): there a single ResNet-20 convolution takes seconds to time, and a CPU emulator rewards what a GPU
// does not (no barriers, no workgroup memory), which is exactly what the default 'register-tile' kernels are
// built for, so they are kept and the status says so.
import * as tf from '@tensorflow/tfjs';
import type { AutotuneResult } from '../model/kernels/autotune';
import { forceImplementations, setChosenImplementations } from '../model/kernels/kernelChoice';
import { isCpuAdapter } from '../model/kernels/reductionThreads';

/** Wall time the timing may take per network (ms): "a few seconds for ResNet-56" on a GPU, where compiling each
 *  candidate's pipelines is most of it. */
export const TUNING_BUDGET_MS = 5000;

export type AutotuneRequest = 'auto' | 'on' | 'off';

interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

let request: AutotuneRequest = 'auto';
let adapter = 'unnamed adapter';

/** The backend's description of its adapter (backend.ts), which the page's badge starts with: the key the page
 *  keeps this GPU's choices under. */
export function setAdapter(detail: string): void {
  adapter = detail;
}

export function adapterKey(): string {
  return adapter;
}

/** Applies the page's URL keys; returns what could not be read in ?kernel=. */
export function configureKernelTuning(autotune: AutotuneRequest | undefined, forced: string | undefined): string[] {
  request = autotune ?? 'auto';
  return forceImplementations(forced ?? null);
}

/** The choices the browser kept for this GPU (the page sends them once the backend is known). */
export function useKeptChoices(choices: Readonly<Record<string, string>>): void {
  setChosenImplementations(choices);
}

/** Why kernels are not timed on this backend, or null when they are. */
export function whyKernelsAreNotTimed(): string | null {
  if (tf.getBackend() !== 'webgpu') return 'not the WebGPU backend';
  if (request === 'off') return 'the address asks so (?autotune=off)';
  const info = (tf.backend() as unknown as { adapterInfo?: AdapterInfo }).adapterInfo;
  if (request === 'auto' && isCpuAdapter(info)) return 'a software adapter: its CPU-tuned default kernels are kept';
  return null;
}

/** The trainer's kernelTuning option for a run, or null when kernels are not timed here. */
export function kernelTuningFor(onTimed: (result: AutotuneResult) => void): { budgetMs: number; onTimed: (result: AutotuneResult) => void } | null {
  return whyKernelsAreNotTimed() === null ? { budgetMs: TUNING_BUDGET_MS, onTimed } : null;
}
