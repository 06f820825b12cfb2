// Whether the browser gave this page a software stand-in for a GPU: the GPU's work then runs on the processor,
// hundreds of times slower. Chromium names SwiftShader "google swiftshader" (WebGPU) or "...SwiftShader..." (WebGL),
// Mesa's is llvmpipe/softpipe, Windows' is "Microsoft Basic Render Driver"; a WebGPU fallback adapter
// (isFallbackAdapter) is software by definition, and the worker reports the adapter's words in backend.detail.
import type { BackendName } from '../protocol';

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|softpipe|lavapipe|basic render|software|fallback/i;

/** True when `detail` (the adapter or renderer the worker reports) names a software rasteriser, or when the page
 *  trains on the CPU backend: either way there is no GPU doing the work. */
export function hasNoGpu(backend: { name: BackendName; detail: string } | null): boolean {
  if (!backend) return false;
  return backend.name === 'cpu' || SOFTWARE_ADAPTER.test(backend.detail);
}
