// What a run's record of where it trained outside this browser (RunElsewhere, appState.ts) may hold, checked the
// same way wherever it comes from: a JSON import (elsewhereJson.ts) and the records IndexedDB gives back
// (runSchema.ts). Damaged details cost only themselves: the run keeps its curves without them, and the user is
// told. Its strings are shown in the run list, the legend and the verdict, so each is bounded like a run's name.
import { MAX_NAME } from './runFieldBounds';

/** Far above a real data-parallel job (a process per GPU), and a bound that keeps the number readable. */
export const MAX_PROCESSES = 1_000_000;
/** About 32 years: any real training's wall time, and no Infinity or 1e300 in the run list. */
export const MAX_WALL_SECONDS = 1e9;

/** The text fields of RunElsewhere, checked in this order (the first damaged one is named). */
const ELSEWHERE_TEXT_FIELDS = ['framework', 'device', 'precision', 'script'] as const;

type Shape = Record<string, unknown>;

const isObject = (value: unknown): value is Shape => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Non-empty once trimmed: a blank framework or device would show as nothing where the run's origin belongs. */
const isName = (value: unknown) => typeof value === 'string' && value.trim() !== '' && value.length <= MAX_NAME;

/** Why `value` cannot be a run's RunElsewhere, or null when it can (or is absent: a run trained in a browser). */
export function runElsewhereProblem(value: unknown): string | null {
  if (value === undefined) return null;
  if (!isObject(value)) return 'it is not a set of fields';
  for (const field of ELSEWHERE_TEXT_FIELDS) {
    if (!isName(value[field])) return `its ${field} is not a text of 1 to ${MAX_NAME} characters`;
  }
  const { processes, wallSeconds } = value;
  if (!(Number.isSafeInteger(processes) && (processes as number) >= 1 && (processes as number) <= MAX_PROCESSES)) {
    return `its processes is not a whole number from 1 to ${MAX_PROCESSES.toLocaleString('en-US')}`;
  }
  if (!(typeof wallSeconds === 'number' && Number.isFinite(wallSeconds) && wallSeconds >= 0 && wallSeconds <= MAX_WALL_SECONDS)) {
    return `its wallSeconds is not a number of seconds from 0 to ${MAX_WALL_SECONDS.toLocaleString('en-US')}`;
  }
  return null;
}
