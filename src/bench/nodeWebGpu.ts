// WebGPU for tfjs in Node, through Dawn (the `webgpu` npm package): the same backend the browser runs, with no
// browser. Here (no GPU) Dawn runs on SwiftShader; on a machine with a GPU it uses that GPU's Vulkan driver.
// Run under scripts/vulkan-env.mjs so that a Vulkan loader is found.
import { installWebGpuKernels } from '../model/kernels/installKernels';
import { installWebGpuCounter } from './webgpuCounter';

export interface NodeWebGpu {
  /** e.g. 'google swiftshader' or 'nvidia ...' (vendor, architecture, device, description). */
  adapter: string;
}

let ready: Promise<NodeWebGpu> | null = null;

/** Installs navigator.gpu and the WebGPU classes on globalThis, wraps them with the API counter, then makes
 *  tfjs's webgpu backend the active one. Idempotent. Throws with a readable reason when no adapter exists.
 *  `nullBackend`: Dawn's null backend, which validates and encodes every call but runs no shader, so a step's
 *  time there is the CPU's own cost (the floor no GPU can beat); its results are meaningless. */
export function useNodeWebGpu(options: { nullBackend?: boolean } = {}): Promise<NodeWebGpu> {
  ready ??= setUp(options.nullBackend ?? false);
  return ready;
}

async function setUp(nullBackend: boolean): Promise<NodeWebGpu> {
  const { create, globals } = await import('webgpu');
  installWebGpuCounter(globals as Parameters<typeof installWebGpuCounter>[0]);
  Object.assign(globalThis, globals);
  const gpu = create(nullBackend ? ['backend=null'] : []);
  const navigatorLike = (globalThis as { navigator?: object }).navigator ?? {};
  Object.defineProperty(navigatorLike, 'gpu', { value: gpu, configurable: true });
  if (!(globalThis as { navigator?: object }).navigator) {
    Object.defineProperty(globalThis, 'navigator', { value: navigatorLike, configurable: true });
  }
  const adapter = await gpu.requestAdapter();
  if (!adapter) {
    throw new Error('Dawn found no WebGPU adapter: run under scripts/vulkan-env.mjs (a Vulkan loader and driver are needed).');
  }
  const info = adapter.info as { vendor?: string; architecture?: string; device?: string; description?: string };
  const name = (nullBackend ? 'Dawn null backend: ' : '') + ([info.vendor, info.architecture, info.device, info.description].filter((s) => s).join(' ') || 'unnamed adapter');
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu')) || tf.getBackend() !== 'webgpu') throw new Error('tfjs could not start its webgpu backend on Dawn');
  await tf.ready();
  installWebGpuKernels();
  return { adapter: name };
}
