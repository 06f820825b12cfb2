// Asks for a WebGPU adapter until the browser gives one or time is up. Right after Chromium's GPU process
// crashed, requestAdapter answers null until a new GPU process is up (measured on Chromium 156 with
// SwiftShader: up to ~1 s); a worker started to replace the crashed one would otherwise take that for "no
// WebGPU here". After repeated crashes Chromium gives none for good, and the wait ends with null.

/** Between two asks (ms): a GPU process starts in about a second. */
const RETRY_EVERY_MS = 250;

export async function requestAdapterPatiently<Adapter>(
  requestAdapter: () => Promise<Adapter | null>,
  patienceMs: number,
  now: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<Adapter | null> {
  const giveUpAt = now() + patienceMs;
  for (;;) {
    const adapter = await requestAdapter();
    if (adapter || now() >= giveUpAt) return adapter;
    await sleep(RETRY_EVERY_MS);
  }
}
