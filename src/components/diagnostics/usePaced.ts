// The diagnostics follow a training run once a second at most. Each sample redraws six small plots (SmallPlot.tsx)
// and a heatmap; the page's views already see the run's progress at most four times a second (store.ts), and on a real
// GPU a sample can come with every one of those. A second is still "as it trains" for a heatmap that gains a
// column per sample, and it leaves the main thread to the error chart and the status (issue 20, finding 2).
import { startTransition, useEffect, useRef, useState } from 'react';

/** The diagnostics' pace while a run trains. */
export const DIAGNOSTICS_INTERVAL_MS = 1_000;

/** `value`, changed at most once per `intervalMs` (the newest value at the end of each interval); with an interval
 *  of 0, `value` itself. A change for which `drawAtOnce(shown, next)` is true is passed through at once, and the
 *  next paced change is timed from it. */
export function usePaced<T>(value: T, intervalMs: number, drawAtOnce: (shown: T, next: T) => boolean = () => false): T {
  const [paced, setPaced] = useState(value);
  const pacedAt = useRef(0);
  const changed = !Object.is(value, paced);
  const immediate = intervalMs === 0 || (changed && drawAtOnce(paced, value));
  useEffect(() => {
    if (!changed || immediate) return;
    // A transition: React renders the plots in slices of a few milliseconds, between frames, instead of in one
    // task that holds the page.
    const show = () => {
      pacedAt.current = Date.now();
      startTransition(() => setPaced(value));
    };
    const wait = intervalMs - (Date.now() - pacedAt.current);
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, changed, immediate, intervalMs]);
  if (immediate && changed) {
    // Drawn in this render; the state catches up so the next paced change is timed from here.
    pacedAt.current = Date.now();
    setPaced(value);
  }
  return immediate ? value : paced;
}
