// Chooses the fastest tfjs backend that really works here: WebGPU, then WebGL, then CPU.
// A backend counts only after a tiny op ran on it and its result was read back: tf.setBackend can resolve
// false, or true for a backend that fails on the first kernel (DESIGN.md, pitfalls).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { installWebGpuKernels } from '../model/kernels/installKernels';
import { requestAdapterPatiently } from './adapterPatience';
import type { BackendName } from '../protocol';

export interface BackendChoice {
  backend: BackendName;
  detail: string;
  /** Why each faster backend was not used. */
  fallbackReasons: string[];
}

const PREFERENCE: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

const LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

interface GpuLike {
  requestAdapter(): Promise<{ isFallbackAdapter?: boolean; info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean } } | null>;
}

async function whyWebGpuIsMissing(adapterPatienceMs: number): Promise<string | null> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
  const adapter = await requestAdapterPatiently(() => gpu.requestAdapter(), adapterPatienceMs);
  if (!adapter && adapterPatienceMs > 0) {
    return `the browser gave no GPU adapter in ${(adapterPatienceMs / 1000).toFixed(0)} s`;
  }
  if (!adapter) return 'the browser offers WebGPU but no GPU adapter (blocked, or no supported GPU)';
  return null;
}

async function webGpuDetail(): Promise<string> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  const adapter = await gpu?.requestAdapter();
  const info = adapter?.info;
  const parts = [info?.vendor, info?.architecture, info?.description].filter((s) => s && s.length > 0);
  // A fallback adapter is software (WebGPU spec): the first-visit guide then says "no GPU" (softwareAdapter.ts).
  const fallback = info?.isFallbackAdapter ?? adapter?.isFallbackAdapter ?? false;
  return `${parts.length ? parts.join(' ') : 'adapter without a name'}${fallback ? ' (fallback adapter)' : ''}`;
}

function webGlDetail(): string {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
  const gl = backend.gpgpu?.gl;
  // RENDERER is masked ("WebKit WebGL") in Chromium; the debug extension names the real GPU where allowed.
  const debugInfo = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = debugInfo ? gl?.getParameter(debugInfo.UNMASKED_RENDERER_WEBGL) : gl?.getParameter(gl.RENDERER);
  return `WebGL ${tf.env().getNumber('WEBGL_VERSION')}${renderer ? `, ${renderer}` : ''}`;
}

/** Runs 1+2 and 3+4 on the active backend and checks the answer. */
async function confirmWithTinyOp(): Promise<void> {
  const sum = tf.add(tf.tensor1d([1, 3]), tf.tensor1d([2, 4]));
  const values = await sum.data();
  sum.dispose();
  if (values[0] !== 3 || values[1] !== 7) throw new Error(`a test addition gave ${Array.from(values)} instead of 3,7`);
}

async function tryBackend(name: BackendName, adapterPatienceMs: number): Promise<string | null> {
  try {
    if (name === 'webgpu') {
      const missing = await whyWebGpuIsMissing(adapterPatienceMs);
      if (missing) return missing;
    }
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) return 'it failed to initialise';
    await confirmWithTinyOp();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Tries each backend in order of speed; `only` restricts the choice (tests, a user's explicit pick, the
 *  backend a replacement worker's run was on). `adapterPatienceMs`: how long to wait for a WebGPU adapter the
 *  browser does not give at once (adapterPatience.ts); 0 asks once. */
export async function chooseBackend(only?: readonly BackendName[], adapterPatienceMs = 0): Promise<BackendChoice> {
  const fallbackReasons: string[] = [];
  for (const name of PREFERENCE) {
    if (only && !only.includes(name)) continue;
    const failure = await tryBackend(name, adapterPatienceMs);
    if (failure === null) {
      // The fused kernels that replace tfjs kernels by name (the others are called by the model) go in now.
      if (name === 'webgpu') installWebGpuKernels();
      const detail = name === 'webgpu' ? await webGpuDetail() : name === 'webgl' ? webGlDetail() : 'JavaScript on the CPU';
      return { backend: name, detail, fallbackReasons };
    }
    fallbackReasons.push(`${LABEL[name]} not used: ${failure}.`);
  }
  throw new Error(`No tfjs backend works in this browser. ${fallbackReasons.join(' ')}`);
}

interface LostInfo {
  reason?: string;
  message?: string;
}

/** tfjs-backend-webgpu does not react to a lost device: every later op just fails (DESIGN.md). Calls
 *  `onLost` once with a readable reason so the user learns why, instead of a cryptic op error. */
interface WatchedDevice {
  lost?: Promise<LostInfo>;
  addEventListener?: (type: 'uncapturederror', listener: (event: { error?: { message?: string; constructor?: { name?: string } } }) => void) => void;
  destroy?: () => void;
}

function webGpuDevice(): WatchedDevice | undefined {
  if (tf.getBackend() !== 'webgpu') return undefined;
  return (tf.backend() as unknown as { device?: WatchedDevice }).device;
}

/** Calls onLost when the WebGPU device is lost, and onError for each GPU error nothing else caught (e.g. out
 *  of memory): both would otherwise only reach the console. Nothing happens on other backends. */
export function watchWebGpuDevice(onLost: (reason: string) => void, onError: (message: string) => void): void {
  const device = webGpuDevice();
  void device?.lost?.then((info) => onLost(info.message || info.reason || 'unknown reason'));
  device?.addEventListener?.('uncapturederror', (event) => {
    const kind = event.error?.constructor?.name ?? 'GPUError';
    onError(`${kind}: ${event.error?.message ?? 'no message'}`);
  });
}

/** Destroys the WebGPU device, as a driver reset would lose it (fault injection for the recovery tests). */
export function destroyWebGpuDevice(): boolean {
  const device = webGpuDevice();
  device?.destroy?.();
  return device?.destroy !== undefined;
}
