// The diagnostics follow a training run once a second at most. Each sample redraws six small recharts plots and a
// heatmap; the page's views already see the run's progress at most four times a second (store.ts), and on a real
// GPU a sample can come with every one of those. A second is still "as it trains" for a heatmap that gains a
// column per sample, and it leaves the main thread to the error chart and the status (issue 20, finding 2).
import { startTransition, useEffect, useRef, useState } from 'react';

/** The diagnostics' pace while a run trains. */
export const DIAGNOSTICS_INTERVAL_MS = 1_000;

/** `value`, changed at most once per `intervalMs` (the newest value at the end of each interval); with an interval
 *  of 0, `value` itself. */
export function usePaced<T>(value: T, intervalMs: number): T {
  const [paced, setPaced] = useState(value);
  const pacedAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, paced)) return;
    // A transition: React renders the section's plots in slices of a few milliseconds, between frames, instead
    // of in one task that holds the page.
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
  }, [value, paced, intervalMs]);
  return intervalMs === 0 ? value : paced;
}
