import { describe, expect, it } from 'vitest';
import { Throughput } from './throughput';

describe('Throughput', () => {
  it('measures steps per second over recent samples and predicts the time left', () => {
    const t = new Throughput(5);
    expect(t.stepsPerSecond()).toBe(0);
    expect(t.secondsFor(10)).toBe(Infinity);
    t.record(0, 0);
    t.record(10, 1000);
    t.record(20, 2000);
    expect(t.stepsPerSecond()).toBeCloseTo(10);
    expect(t.secondsFor(100)).toBeCloseTo(10);
    expect(t.secondsFor(0)).toBe(0);
  });

  it('does not count a pause as slow training', () => {
    const t = new Throughput(5);
    t.record(0, 0);
    t.record(10, 1000);
    t.skipPause(60_000);
    t.record(20, 61_000);
    expect(t.stepsPerSecond()).toBeCloseTo(10);
  });
});
