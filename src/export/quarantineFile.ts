// The runs kept aside at start-up (runHistory.ts: records the load check refused), as the file the history's
// notice downloads, and that file read back by Import JSON: what the app exports, it imports (issue 19). Its
// records are as they were stored, so a user can see what is wrong, fix that line and import the run.
import { modelName, type ModelConfig } from '../config';
import { MAX_MESSAGE } from '../state/runFieldBounds';
import { field, isRecord, optionalText, type JsonRecord } from './jsonValues';

export const QUARANTINE_FORMAT = 'residual-playground-quarantine';

/** The records as a JSON file (typed arrays as plain arrays; what JSON cannot hold, as text; NaN and
 *  Infinity become null, as JSON writes them). */
export function quarantineJson(records: unknown[]): string {
  try {
    return JSON.stringify({ format: QUARANTINE_FORMAT, records }, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : typeof value === 'bigint' ? String(value) : value), 2);
  } catch (error) {
    return JSON.stringify({ format: QUARANTINE_FORMAT, error: `The records could not be written as JSON: ${String(error)}` });
  }
}

/** The runs of such a file, each in the words of a run export (runsJson.ts then reads them as it reads an
 *  export's, with the same checks and the same messages). Throws, saying why, when it holds none. */
export function quarantinedRuns(document: JsonRecord, file: string): unknown[] {
  const records = field(document, 'records');
  if (!Array.isArray(records) || records.length === 0) {
    const error = optionalText(field(document, 'error'), MAX_MESSAGE);
    throw new Error(`${file} holds no runs kept aside${error ? `: ${error}` : '.'}`);
  }
  return records.map(asExportedRun);
}

/** A stored record (runHistory.ts) as an export's run: its backend is { name, detail } there and `backend`,
 *  `device` in an export, and it is named by its label or its network. The rest is left as it is. */
function asExportedRun(record: unknown): unknown {
  if (!isRecord(record)) return record;
  const backend = field(record, 'backend');
  const label = field(record, 'label');
  return {
    ...record,
    name: typeof label === 'string' ? label : networkName(field(record, 'config')),
    backend: isRecord(backend) ? field(backend, 'name') : backend,
    device: isRecord(backend) ? field(backend, 'detail') : undefined,
  };
}

/** The network's name, when the settings describe one well enough to name it (only for messages). */
function networkName(config: unknown): string | undefined {
  const model = isRecord(config) ? field(config, 'model') : undefined;
  if (!isRecord(model) || typeof field(model, 'depth') !== 'number' || typeof field(model, 'blockType') !== 'string') return undefined;
  return modelName(model as unknown as ModelConfig);
}
