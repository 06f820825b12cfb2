import { describe, expect, it } from 'vitest';
import { fallbackDelayMs, showsNow } from './pacedView';
import { VIEW_INTERVAL_MS } from './viewCadence';

/** The publishes (ms) at which a view with `intervalMs` takes the value, over `durationMs` of progress published
 *  every VIEW_INTERVAL_MS plus `jitterMs` (a timer fires a little late). */
function shownAt(intervalMs: number, durationMs: number, jitterMs = 0): number[] {
  const shown = [0];
  for (let t = VIEW_INTERVAL_MS + jitterMs; t <= durationMs; t += VIEW_INTERVAL_MS + jitterMs) {
    if (showsNow({ intervalMs, sinceShownMs: t - shown[shown.length - 1], pacedPublish: true, drawAtOnce: false })) shown.push(t);
  }
  return shown;
}

describe('a paced view', () => {
  it('takes the progress stream at every publish that ends its interval, on the publishes’ own beat', () => {
    // Once a second: every other publish of the 2 Hz stream, also when the publishes come a little late.
    expect(shownAt(1_000, 4_000)).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
    expect(shownAt(1_000, 5_200, 10).length).toBe(6);
    // Interval 0: every publish.
    expect(shownAt(0, 1_000).length).toBe(1_000 / VIEW_INTERVAL_MS + 1);
  });

  it('takes at once what is not the progress stream, or what it draws at once', () => {
    expect(showsNow({ intervalMs: 1_000, sinceShownMs: 10, pacedPublish: false, drawAtOnce: false })).toBe(true);
    expect(showsNow({ intervalMs: 1_000, sinceShownMs: 10, pacedPublish: true, drawAtOnce: true })).toBe(true);
    expect(showsNow({ intervalMs: 1_000, sinceShownMs: 10, pacedPublish: true, drawAtOnce: false })).toBe(false);
  });

  it('shows a change left waiting after the publish that would have shown it', () => {
    expect(fallbackDelayMs(1_000, 250)).toBe(750 + VIEW_INTERVAL_MS);
    expect(fallbackDelayMs(1_000, 5_000)).toBe(VIEW_INTERVAL_MS);
  });
});
