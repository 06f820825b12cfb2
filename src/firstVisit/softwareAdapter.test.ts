import { describe, expect, it } from 'vitest';
import { hasNoGpu } from './softwareAdapter';

describe('hasNoGpu', () => {
  it('names software stand-ins for a GPU as no GPU', () => {
    expect(hasNoGpu({ name: 'webgpu', detail: 'google swiftshader · fused WGSL kernels' })).toBe(true);
    expect(hasNoGpu({ name: 'webgl', detail: 'WebGL 2, ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)' })).toBe(true);
    expect(hasNoGpu({ name: 'webgl', detail: 'WebGL 2, llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(hasNoGpu({ name: 'webgl', detail: 'WebGL 2, ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11)' })).toBe(true);
    expect(hasNoGpu({ name: 'cpu', detail: 'JavaScript on the CPU' })).toBe(true);
  });

  it('leaves real GPUs alone', () => {
    expect(hasNoGpu({ name: 'webgpu', detail: 'nvidia ampere · fused WGSL kernels' })).toBe(false);
    expect(hasNoGpu({ name: 'webgl', detail: 'WebGL 2, ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)' })).toBe(false);
    expect(hasNoGpu(null)).toBe(false);
  });
});
