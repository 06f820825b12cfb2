// A run's record of where it trained outside this browser (RunElsewhere) in a JSON export (runsJson.ts), and read
// back from one: the file the PyTorch script writes, or this app's own export of such a run. Read with the
// format's fields only, then checked by the rule the run history applies (runElsewhereSchema.ts): what imports is
// what survives a reload. A damaged record costs only itself; the run's curves still import.
import type { RunElsewhere } from '../state/appState';
import { runElsewhereProblem } from '../state/runElsewhereSchema';
import { field, isRecord } from './jsonValues';

/** RunElsewhere's fields, the only ones a file's record is read for. */
const ELSEWHERE_FIELDS = ['framework', 'device', 'processes', 'precision', 'wallSeconds', 'script'] as const satisfies readonly (keyof RunElsewhere)[];

/** The run's record as the file holds it, or null for a run trained in a browser. */
export function exportElsewhere(elsewhere: RunElsewhere | undefined): RunElsewhere | null {
  if (!elsewhere) return null;
  // Copied field by field: the file's fields are the format's, not whatever else the object carries.
  const { framework, device, processes, precision, wallSeconds, script } = elsewhere;
  return { framework, device, processes, precision, wallSeconds, script };
}

/** A file's `elsewhere`: absent or null is a browser run; `problem` says why a present one was left out. */
export function importElsewhere(value: unknown): { elsewhere?: RunElsewhere; problem?: string } {
  if (value === undefined || value === null) return {};
  // Only the format's fields, from the file's own keys (a "__proto__" key stays behind).
  const picked = isRecord(value) ? Object.fromEntries(ELSEWHERE_FIELDS.map((key) => [key, field(value, key)])) : value;
  const problem = runElsewhereProblem(picked);
  return problem ? { problem } : { elsewhere: picked as unknown as RunElsewhere };
}
