import { describe, expect, it } from 'vitest';
import { isCpuAdapter } from './reductionThreads';

describe('the adapter a reduction width is chosen for', () => {
  it('knows the CPU adapters by the vendor and architecture tfjs keeps', () => {
    expect(isCpuAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe(true);
    expect(isCpuAdapter({ vendor: 'mesa', architecture: 'llvmpipe' })).toBe(true);
  });
  it('treats GPUs and an adapter that says nothing as GPUs', () => {
    expect(isCpuAdapter({ vendor: 'nvidia', architecture: 'hopper' })).toBe(false);
    expect(isCpuAdapter({ vendor: 'apple', architecture: 'metal-3' })).toBe(false);
    expect(isCpuAdapter({ vendor: 'intel', architecture: 'gen-12lp' })).toBe(false);
    expect(isCpuAdapter({})).toBe(false);
    expect(isCpuAdapter(undefined)).toBe(false);
  });
});
