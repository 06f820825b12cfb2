// Progress reporting shared by the loaders. Readers see chunks of ~64 KB, i.e. thousands per file; the UI
// needs a few updates per second, so reports are thinned to whole steps of 0.5%.

/** fraction: 0..1 of the whole operation; message: what is happening, for the status line. */
export type ProgressCallback = (fraction: number, message: string) => void;

/** Steps per operation at which a report is passed on (0.5% each). */
const REPORT_STEPS = 200;

/** Wraps `onProgress` so it is called only when the fraction crosses a new 0.5% step (and always at 1), and,
 *  with `minIntervalMs`, at most once per that many ms: on a fast link 0.5% of 184 MB arrives every few ms,
 *  and each report is a message to the page and a render there (a person sees ~10 updates a second). */
export function throttleProgress(onProgress: ProgressCallback, minIntervalMs = 0, now: () => number = () => performance.now()): ProgressCallback {
  let lastStep = -1;
  let lastAt = -Infinity;
  return (fraction, message) => {
    const clamped = Math.min(1, Math.max(0, fraction));
    const step = Math.floor(clamped * REPORT_STEPS);
    if (step === lastStep) return;
    const at = now();
    if (clamped < 1 && at - lastAt < minIntervalMs) return;
    lastStep = step;
    lastAt = at;
    onProgress(clamped, message);
  };
}

/** Bytes as megabytes with one decimal, e.g. "170.1 MB" (1 MB = 10^6 bytes, as file managers show). */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
