import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

describe('durations', () => {
  it('round once, so a minute never shows 60 seconds', () => {
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(59.6)).toBe('1 min 0 s');
    expect(formatDuration(119.6)).toBe('2 min 0 s');
    expect(formatDuration(1234.4)).toBe('20 min 34 s');
    expect(formatDuration(3599.6)).toBe('1 h 0 min');
    expect(formatDuration(NaN)).toBe('–');
  });

  it('say days from 48 hours on, so a run of days reads as one', () => {
    expect(formatDuration(47 * 3600 + 59 * 60)).toBe('47 h 59 min');
    expect(formatDuration(249_000)).toBe('2 days 21 h'); // 69 h 10 min
    expect(formatDuration(10 * 24 * 3600)).toBe('10 days 0 h');
  });
});
