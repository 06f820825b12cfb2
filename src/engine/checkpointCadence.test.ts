import { describe, expect, it } from 'vitest';
import { CheckpointCadence, MAX_SAVE_FRACTION } from './checkpointCadence';

describe('checkpoint cadence', () => {
  it('waits the minimum interval when saving is cheap', () => {
    const cadence = new CheckpointCadence(0, 10_000);
    expect(cadence.isDue(9_999)).toBe(false);
    expect(cadence.isDue(10_000)).toBe(true);
    cadence.recordSave(10_000, 10_005); // 5 ms: 49 x 5 ms is far below the minimum
    expect(cadence.isDue(20_004)).toBe(false);
    expect(cadence.isDue(20_005)).toBe(true);
  });

  it('keeps saving within 2% of the time when saving is slow', () => {
    const cadence = new CheckpointCadence(0, 1_000);
    cadence.recordSave(1_000, 2_000); // a 1 s save: the next may come after 49 s of training
    expect(cadence.isDue(2_000 + 48_999)).toBe(false);
    expect(cadence.isDue(2_000 + 49_000)).toBe(true);
    // Over a cycle: 1 s saving per 50 s.
    expect(1_000 / (1_000 + 49_000)).toBeCloseTo(MAX_SAVE_FRACTION, 10);
    expect(cadence.savedCount).toBe(1);
    expect(cadence.savingMs).toBe(1_000);
  });

  it('does not count pauses and evaluations as training time', () => {
    const cadence = new CheckpointCadence(0, 10_000);
    cadence.skip(60_000); // a minute paused
    expect(cadence.isDue(65_000)).toBe(false);
    expect(cadence.isDue(70_000)).toBe(true);
  });
});
