// Keeps the runs in this browser's IndexedDB so a reload (or a closed tab) does not lose hours of curves.
// One record per run, keyed by its id, in a database of its own: the dataset cache (data/datasetCache.ts) can be
// cleared without touching the runs, and the reverse. A run's record stays far below Chrome's ~133 MB limit
// for one value: the trainer reports about 20 points per epoch, so even 1000 epochs are a few MB. Diagnostics
// (a sample of every layer per point) make it larger: about 5 MB for ResNet-56 over the paper's 64k
// iterations, 10 MB for ResNet-110; only ResNet-1202 (about 100 MB) comes near the limit.
import { isActive, type Run } from './appState';
import { inTransaction, openDatabase, STORAGE_TIMEOUT_MS, StorageTimeout, withinTimeout } from '../storage/indexedDb';
import { withFinitePointsOnly, withoutNonFiniteEnd } from './finiteCurves';
import { runProblem, withoutDamagedParts, type DroppablePart } from './runSchema';

export { STORAGE_TIMEOUT_MS, StorageTimeout };

const DB_NAME = 'residual-playground-runs';
const DB_VERSION = 2;
const STORE = 'runs';
/** Records that failed the shape check at start-up, moved out of the way (version 2): never shown, kept for
 *  the user to download (they may hold hours of curves a newer check calls damaged) or discard. */
const QUARANTINE = 'quarantine';
/** Bumped when the record layout changes, so an old record is skipped rather than misread. */
export const SCHEMA_VERSION = 1;

/** What is stored: the run without what only matters while the page is open, plus the layout version and the
 *  run's place in the list (runs queued together share createdAt, and their order is the queue's order). */
export type StoredRun = Omit<Run, 'live' | 'phase' | 'evaluatingImages'> & { schemaVersion: typeof SCHEMA_VERSION; sequence: number };

export interface RunHistory {
  /** Every readable run, oldest first; records that fail the shape check are left out and counted. */
  /** `skipped`: records that failed the check, moved to the quarantine now (or left where they are when a
   *  newer version of the app wrote them). `diagnosticsDropped` and `elsewhereDropped` (0 when absent): runs
   *  whose only damage was their diagnostics, or their record of where they trained outside this browser,
   *  restored without them; the record as it was goes to the quarantine, and the run is stored again without
   *  them (so it is not reported again at the next start-up). `divergedEndDropped`: runs restored without the
   *  non-finite points at their end (finiteCurves.ts: a divergence an older version stored), stored again so;
   *  nothing is kept aside for those points alone. `keptAside`: the ids of the runs kept aside (now or before)
   *  and not restored: their checkpoints are theirs, should the user import them again. */
  loadAll(): Promise<{ runs: Run[]; skipped: number; diagnosticsDropped?: number; elsewhereDropped?: number; divergedEndDropped?: number; keptAside?: string[] }>;
  /** The records kept aside, as they were stored. */
  quarantined(): Promise<unknown[]>;
  discardQuarantined(): Promise<void>;
  /** Resolves once the run is committed; rejects on any storage error (e.g. QuotaExceededError). */
  put(run: Run): Promise<void>;
  delete(runId: string): Promise<void>;
}

export function interruptionMessage(iteration: number): string {
  return `Interrupted at iteration ${iteration}: the page was reloaded or closed while it trained.`;
}

/** The run as the app shows it after a reload: a run that was training when the page went away becomes
 *  'stopped' (it resumes from its checkpoint, if it has one, when the user says so); every other run comes back
 *  as it was. */
export function restoredRun(record: StoredRun): Run {
  // The record's own fields go; so would transient ones, had a writer kept them.
  const { schemaVersion: _version, sequence: _sequence, ...stored } = record;
  const { live: _live, phase: _phase, evaluatingImages: _images, ...run }: Run = stored;
  // If another tab is still training it, that tab's answer replaces this guess at once (tabSync.ts).
  if (!isActive(run)) return run;
  const lastIteration = run.train.length > 0 ? run.train[run.train.length - 1].iteration : 0;
  return { ...run, state: 'stopped', message: interruptionMessage(lastIteration) };
}

export function toStoredRun(run: Run, sequence: number): StoredRun {
  const { live: _live, phase: _phase, evaluatingImages: _images, ...kept } = run;
  return { ...kept, schemaVersion: SCHEMA_VERSION, sequence };
}

/** The run history, or null where the browser has no usable IndexedDB; rejects with StorageTimeout when it
 *  does not answer within `timeoutMs`. */
export async function openRunHistory(factory: IDBFactory | undefined = globalThis.indexedDB, timeoutMs = STORAGE_TIMEOUT_MS): Promise<RunHistory | null> {
  const upgrade = (db: IDBDatabase) => {
    if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' });
    if (!db.objectStoreNames.contains(QUARANTINE)) db.createObjectStore(QUARANTINE, { autoIncrement: true });
  };
  const db = await withinTimeout(openDatabase(factory, DB_NAME, DB_VERSION, upgrade), timeoutMs, 'open');
  if (!db) return null;

  // Each run keeps the sequence it was first saved with; new runs go after everything seen so far.
  const sequences = new Map<string, number>();
  let nextSequence = 0;
  const sequenceOf = (runId: string): number => {
    let sequence = sequences.get(runId);
    if (sequence === undefined) {
      sequence = nextSequence++;
      sequences.set(runId, sequence);
    }
    return sequence;
  };

  return {
    async loadAll() {
      const [values, keys] = await withinTimeout(
        Promise.all([
          inTransaction<unknown[]>(db, STORE, 'readonly', (t) => t.objectStore(STORE).getAll()),
          inTransaction<IDBValidKey[]>(db, STORE, 'readonly', (t) => t.objectStore(STORE).getAllKeys()),
        ]),
        timeoutMs,
        'give back the saved runs',
      );
      const records: StoredRun[] = [];
      const damaged: SetAside[] = [];
      const repaired: SetAside[] = [];
      const dropped: Record<DroppablePart | 'divergedEnd', number> = { diagnostics: 0, elsewhere: 0, divergedEnd: 0 };
      values.forEach((value, i) => {
        if (isStoredRun(value)) records.push(value);
        else if (writtenByNewerVersion(value)) return;
        else {
          // Damaged diagnostics, or a damaged record of where the run trained, cost only themselves
          // (runSchema.ts): the run comes back without them. So do the non-finite points at a diverged run's end.
          const repair = isStoredRecord(value) ? repairedRecord(value) : null;
          if (repair) {
            records.push(repair.run as StoredRun);
            repaired.push({ key: keys[i], value, record: repair.run, keepOriginal: repair.dropped.some((part) => part !== 'divergedEnd') });
            for (const part of repair.dropped) dropped[part] += 1;
          } else damaged.push({ key: keys[i], value });
        }
      });
      // Moved aside in the background: the page does not wait for it, and if it fails they are skipped (or
      // repaired) again at the next start-up. Created now, so it lands before any later write of these runs.
      if (damaged.length > 0 || repaired.length > 0) void quarantine(db, damaged, repaired).catch(() => undefined);
      const restoredIds = new Set(records.map((record) => record.id));
      // Not knowing them costs only their checkpoints (deleted as orphans, as before): never the load.
      const asideBefore = await withinTimeout(inTransaction<unknown[]>(db, QUARANTINE, 'readonly', (t) => t.objectStore(QUARANTINE).getAll()), timeoutMs, 'give back the runs kept aside').catch((): unknown[] => []);
      const keptAside = [...damaged.map(({ value }) => value), ...asideBefore.map((entry) => (entry as { record?: unknown } | null)?.record)]
        .map((record) => (record as { id?: unknown } | null)?.id)
        .filter((id): id is string => typeof id === 'string' && !restoredIds.has(id));
      records.sort((a, b) => a.createdAt - b.createdAt || a.sequence - b.sequence);
      for (const record of records) {
        sequences.set(record.id, record.sequence);
        nextSequence = Math.max(nextSequence, record.sequence + 1);
      }
      return {
        runs: records.map(restoredRun),
        skipped: values.length - records.length,
        diagnosticsDropped: dropped.diagnostics,
        elsewhereDropped: dropped.elsewhere,
        divergedEndDropped: dropped.divergedEnd,
        keptAside: [...new Set(keptAside)],
      };
    },
    async put(run) {
      // Never a non-finite point: the record would be refused at the next start-up (issue 19).
      await inTransaction(db, STORE, 'readwrite', (t) => t.objectStore(STORE).put(toStoredRun(withFinitePointsOnly(run), sequenceOf(run.id))));
    },
    async delete(runId) {
      sequences.delete(runId);
      await inTransaction(db, STORE, 'readwrite', (t) => t.objectStore(STORE).delete(runId));
    },
    async quarantined() {
      const kept = await inTransaction<unknown[]>(db, QUARANTINE, 'readonly', (t) => t.objectStore(QUARANTINE).getAll());
      return kept.map((entry) => (entry as { record?: unknown }).record);
    },
    async discardQuarantined() {
      await inTransaction(db, QUARANTINE, 'readwrite', (t) => t.objectStore(QUARANTINE).clear());
    },
  };
}

/** A record of a later schema: this (older) app must leave it alone for the version that wrote it. */
function writtenByNewerVersion(value: unknown): boolean {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  return typeof value === 'object' && value !== null && typeof version === 'number' && version > SCHEMA_VERSION;
}

/** A stored value to put aside; `record`: what replaces it in the runs store (absent: it is deleted);
 *  `keepOriginal` false: the value is only replaced, not kept aside (what it loses is not worth a look). */
interface SetAside {
  key: IDBValidKey;
  value: unknown;
  record?: unknown;
  keepOriginal?: boolean;
}

/** Copies the records into the quarantine and takes the damaged ones out of the runs store (the repaired ones
 *  are stored repaired), in one transaction (all or none). */
function quarantine(db: IDBDatabase, damaged: SetAside[], repaired: SetAside[] = []): Promise<void> {
  return inTransaction(db, [STORE, QUARANTINE], 'readwrite', (t) => {
    for (const { key, value } of damaged) {
      t.objectStore(QUARANTINE).add({ record: value, quarantinedAt: Date.now() });
      t.objectStore(STORE).delete(key);
    }
    for (const { value, record, keepOriginal = true } of repaired) {
      if (keepOriginal) t.objectStore(QUARANTINE).add({ record: value, quarantinedAt: Date.now() });
      t.objectStore(STORE).put(record);
    }
    return () => undefined;
  });
}

/** The record repaired: without the non-finite points at its end (finiteCurves.ts), then without its damaged
 *  parts (runSchema.ts); `dropped` names what went. Null when it cannot be repaired so. */
function repairedRecord(value: unknown): { run: Record<string, unknown>; dropped: (DroppablePart | 'divergedEnd')[] } | null {
  const trimmed = withoutNonFiniteEnd(value);
  const base = trimmed?.run ?? value;
  if (trimmed && runProblem(base) === null) return { run: trimmed.run, dropped: ['divergedEnd'] };
  const parts = withoutDamagedParts(base);
  return parts ? { run: parts.run, dropped: [...(trimmed ? (['divergedEnd'] as const) : []), ...parts.dropped] } : null;
}

/** A record of this version's layout (whatever run it holds). */
function isStoredRecord(value: unknown): boolean {
  const record = value as { schemaVersion?: unknown; sequence?: unknown } | null;
  return typeof record === 'object' && record !== null && record.schemaVersion === SCHEMA_VERSION && typeof record.sequence === 'number' && Number.isFinite(record.sequence);
}

/** A record this version wrote, holding a run the app can show (runSchema.ts). */
export function isStoredRun(value: unknown): value is StoredRun {
  return isStoredRecord(value) && runProblem(value) === null;
}
