// The replacement worker's wait for a WebGPU adapter while the browser's GPU process restarts.
import { describe, expect, it } from 'vitest';
import { requestAdapterPatiently } from './adapterPatience';

/** A browser that answers null `nulls` times, then an adapter; the clock moves only when slept. */
function restartingGpu(nulls: number) {
  let clock = 0;
  let asked = 0;
  return {
    asked: () => asked,
    clock: () => clock,
    requestAdapter: async () => (asked++ < nulls ? null : { name: 'adapter' }),
    now: () => clock,
    sleep: async (ms: number) => {
      clock += ms;
    },
  };
}

describe('requestAdapterPatiently', () => {
  it('asks again until the new GPU process gives an adapter', async () => {
    const gpu = restartingGpu(4);
    expect(await requestAdapterPatiently(gpu.requestAdapter, 10_000, gpu.now, gpu.sleep)).toEqual({ name: 'adapter' });
    expect(gpu.asked()).toBe(5);
    expect(gpu.clock()).toBe(1000);
  });

  it('gives up with null once its patience is spent (WebGPU turned off for good)', async () => {
    const gpu = restartingGpu(Infinity);
    expect(await requestAdapterPatiently(gpu.requestAdapter, 2000, gpu.now, gpu.sleep)).toBeNull();
    expect(gpu.clock()).toBe(2000);
  });

  it('asks once without patience (a first start: no reason to wait for a GPU that is not there)', async () => {
    const gpu = restartingGpu(Infinity);
    expect(await requestAdapterPatiently(gpu.requestAdapter, 0, gpu.now, gpu.sleep)).toBeNull();
    expect(gpu.asked()).toBe(1);
  });
});
