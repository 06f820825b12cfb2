// Speeds measured on this device outlive the page: the first-visit path and "Measure speed" reuse them after a
// reload instead of timing the same networks again. Kept per adapter (backend + its description, which names
// the GPU), so a measurement never speaks for another GPU; older than MAX_AGE_MS they are measured again
// (a browser or driver update changes the speed).
import type { SpeedMeasurement } from './appState';
import type { Store } from './store';

const STORAGE_KEY = 'residual-playground.speeds.v1';
/** 30 days, ms. */
export const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

type Remembered = Record<string, Record<string, SpeedMeasurement>>;

function isMeasurement(value: unknown): value is SpeedMeasurement {
  const v = value as SpeedMeasurement;
  return (
    typeof v === 'object' &&
    v !== null &&
    [v.msPerStep, v.msPerEvalImage, v.measuredAt].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0) &&
    v.msPerStep > 0
  );
}

/** The parts timed since issue 20 (speedProbe.ts). A measurement stored before has none of them: it is kept, and
 *  the estimate says what it lacks (wallTime.ts missingParts); a damaged part is dropped the same way. */
const OPTIONAL_PARTS = ['msBuild', 'msCompile', 'msEvaluationCompile', 'msPerSample', 'msPerCheckpoint'] as const;

function withValidParts(speed: SpeedMeasurement): SpeedMeasurement {
  const { measuredThisPage: _notStored, ...kept } = speed;
  for (const part of OPTIONAL_PARTS) {
    const value = kept[part];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) delete kept[part];
  }
  return kept;
}

/** What storage holds for `adapter`, well-formed and recent only; junk is ignored, never thrown. */
export function rememberedSpeeds(raw: string | null, adapter: string, now: number): Record<string, SpeedMeasurement> {
  try {
    const all = JSON.parse(raw ?? '{}') as Remembered;
    const mine = all?.[adapter];
    if (typeof mine !== 'object' || mine === null) return {};
    return Object.fromEntries(
      Object.entries(mine)
        .filter(([, speed]) => isMeasurement(speed) && now - speed.measuredAt < MAX_AGE_MS)
        .map(([key, speed]) => [key, withValidParts(speed)]),
    );
  } catch {
    return {};
  }
}

export function withSpeeds(raw: string | null, adapter: string, speeds: Record<string, SpeedMeasurement>): string {
  let all: Remembered = {};
  try {
    const parsed = JSON.parse(raw ?? '{}') as Remembered;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) all = parsed;
  } catch {
    // a damaged entry is replaced
  }
  return JSON.stringify({ ...all, [adapter]: speeds });
}

/** Restores this adapter's speeds once the backend is known, then writes every new measurement back. */
export function startSpeedMemory(store: Store, storage: Pick<Storage, 'getItem' | 'setItem'> | null, now: () => number = Date.now): void {
  if (!storage) return;
  let adapter: string | null = null;
  let written: unknown = null;
  store.subscribe(() => {
    const { backend, speeds } = store.getState();
    if (!backend) return;
    const current = `${backend.name}|${backend.detail}`;
    if (adapter !== current) {
      adapter = current;
      const remembered = rememberedSpeeds(safely(() => storage.getItem(STORAGE_KEY)), current, now());
      Object.entries(remembered).forEach(([key, speed]) =>
        store.dispatch({ type: 'speedMeasured', requestId: 'remembered', key, backend: backend.name, evaluationEstimated: false, ...speed }),
      );
      written = store.getState().speeds;
      return;
    }
    if (speeds === written) return;
    written = speeds;
    safely(() => storage.setItem(STORAGE_KEY, withSpeeds(storage.getItem(STORAGE_KEY), current, speeds)));
  });
}

function safely<T>(work: () => T): T | null {
  try {
    return work();
  } catch {
    return null; // storage blocked or full: measured again next time
  }
}
