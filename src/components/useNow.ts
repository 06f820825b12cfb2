import { useEffect, useState } from 'react';

/** The time (ms since 1970), re-read every `intervalMs` while `active`: lets a status count seconds between the
 *  worker's reports (a step can take longer than a second on a slow device). */
export function useNow(active: boolean, intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
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
