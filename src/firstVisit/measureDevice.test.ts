import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '../config';
import type { SpeedMeasuredEvent } from '../protocol';
import { LOWER_BOUND_BATCH, measureDevice } from './measureDevice';

const HOUR = 3_600;
const event = (msPerStep: number): SpeedMeasuredEvent => ({
  type: 'speedMeasured',
  requestId: 'r',
  key: 'k',
  backend: 'webgpu',
  msPerStep,
  msPerEvalImage: 0.01,
  evaluationEstimated: false,
  measuredAt: 0,
});

/** A device whose step costs `msPer128` x (batch / 128) x (depth / 20); records what was timed. */
function device(msPer128: number) {
  const timed: string[] = [];
  const measure = async (config: TrainConfig) => {
    timed.push(`${config.model.depth}@${config.batchSize}`);
    return event((msPer128 * (config.batchSize / 128) * config.model.depth) / 20);
  };
  return { timed, measure };
}

describe('measuring this device for the first-visit proposal', () => {
  it('stops after plain-20 on a device too slow for any honest version', async () => {
    const slow = device(14_000); // SwiftShader on an idle 2-core VM: 14 s per 128-image plain-20 step
    const result = await measureDevice(slow.measure, () => undefined, HOUR, 50_000, () => undefined);
    expect(slow.timed).toEqual([`20@${LOWER_BOUND_BATCH}`]);
    expect(result).toEqual({ kind: 'tooSlow', lowerBoundMsPerStep: 14_000 });
  });

  it('settles "too slow" where a 32-image step would not have: 780 steps of 4 s are under the hour, of 14 s over', async () => {
    const swiftShader = device(14_000);
    const result = await measureDevice(swiftShader.measure, () => undefined, HOUR, 50_000, () => undefined);
    expect(result.kind).toBe('tooSlow');
    expect(swiftShader.timed).not.toContain('56@128');
  });

  it('times plain-20 and plain-56 at batch 128 on a device that may fit, reporting progress', async () => {
    const fast = device(50);
    const progress: number[] = [];
    const result = await measureDevice(fast.measure, () => undefined, HOUR, 50_000, (p) => progress.push(p.done));
    expect(fast.timed).toEqual(['20@128', '56@128']);
    expect(result.kind === 'measured' && result.speedOfDepth[56].msPerStep).toBe(140);
    expect(Math.max(...progress)).toBe(2);
    // Timed in this page: the estimate does not count the shaders' compilation again (wallTime.ts).
    expect(result.kind === 'measured' && [20, 56].map((depth) => result.speedOfDepth[depth].measuredThisPage)).toEqual([true, true]);
  });

  it('reuses speeds measured before: nothing is timed twice', async () => {
    const fast = device(50);
    const known = (config: TrainConfig) => ({ msPerStep: config.model.depth, msPerEvalImage: 0 });
    const result = await measureDevice(fast.measure, known, HOUR, 50_000, () => undefined);
    expect(fast.timed).toEqual([]);
    expect(result.kind === 'measured' && result.speedOfDepth[20].msPerStep).toBe(20);
  });

  it('passes on why a measurement failed', async () => {
    const failing = async (): Promise<SpeedMeasuredEvent> => ({ type: 'speedMeasured', requestId: 'r', error: 'No tfjs backend is available.' });
    expect(await measureDevice(failing, () => undefined, HOUR, 50_000, () => undefined)).toEqual({ kind: 'failed', error: 'No tfjs backend is available.' });
  });
});
