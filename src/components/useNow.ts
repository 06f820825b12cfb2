import { useEffect, useState } from 'react';

/** The time (ms since 1970) as of this render, and a re-render `intervalMs` after the last one while `active`: lets
 *  a status count seconds between the worker's reports (a step can take longer than a second on a slow device).
 *  The timer restarts at every render, so while reports keep the status changing it never fires: the seconds move
 *  with the reports, in the same frames, and not in frames of their own (each frame the page changes costs the
 *  compositor a redraw; issue 20, finding 2). */
export function useNow(active: boolean, intervalMs = 1_000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setTick((tick) => tick + 1), intervalMs);
    return () => clearTimeout(timer);
  });
  return Date.now();
}

/** When `value` last changed (ms since 1970), as seen by this component. */
export function useChangedAt(value: unknown): number {
  const [seen, setSeen] = useState<{ value: unknown; at: number }>(() => ({ value, at: Date.now() }));
  if (!Object.is(seen.value, value)) {
    const next = { value, at: Date.now() };
    setSeen(next);
    return next.at;
  }
  return seen.at;
}
