// Keeps the runs in this browser's IndexedDB so a reload (or a closed tab) does not lose hours of curves.
// One record per run, keyed by its id, in a database of its own: the dataset cache (data/datasetCache.ts) can be
// cleared without touching the runs, and the reverse. A run's record stays far below Chrome's ~133 MB limit
// for one value: the trainer reports about 20 points per epoch, so even 1000 epochs are a few MB.
import type { TrainConfig } from '../config';
import { isActive, type Run, type TestPoint, type TrainPoint } from './appState';
import { curvesProblem, maxIterations } from './runCurves';

const DB_NAME = 'residual-playground-runs';
const DB_VERSION = 1;
const STORE = 'runs';
/** Bumped when the record layout changes, so an old record is skipped rather than misread. */
export const SCHEMA_VERSION = 1;

/** What is stored: the run without what only matters while the page is open, plus the layout version and the
 *  run's place in the list (runs queued together share createdAt, and their order is the queue's order). */
export type StoredRun = Omit<Run, 'live' | 'evaluatingImages'> & { schemaVersion: typeof SCHEMA_VERSION; sequence: number };

export interface RunHistory {
  /** Every readable run, oldest first; records that fail the shape check are left out and counted. */
  loadAll(): Promise<{ runs: Run[]; skipped: number }>;
  /** Resolves once the run is committed; rejects on any storage error (e.g. QuotaExceededError). */
  put(run: Run): Promise<void>;
  delete(runId: string): Promise<void>;
}

export function interruptionMessage(iteration: number): string {
  return `Interrupted by a page reload at iteration ${iteration}; its curves are kept.`;
}

/** The run as the app shows it after a reload: a run that was training when the page went away cannot resume
 *  (its weights lived in the worker), so it becomes 'stopped'; every other run comes back as it was. */
export function restoredRun(record: StoredRun): Run {
  // The record's own fields go; so would transient ones, had a writer kept them.
  const { schemaVersion: _version, sequence: _sequence, ...stored } = record;
  const { live: _live, evaluatingImages: _images, ...run }: Run = stored;
  if (!isActive(run)) return run;
  const lastIteration = run.train.length > 0 ? run.train[run.train.length - 1].iteration : 0;
  return { ...run, state: 'stopped', message: interruptionMessage(lastIteration) };
}

export function toStoredRun(run: Run, sequence: number): StoredRun {
  const { live: _live, evaluatingImages: _images, ...kept } = run;
  return { ...kept, schemaVersion: SCHEMA_VERSION, sequence };
}

/** The database, or null when IndexedDB is missing or refuses to open (private windows, file://, opaque origins). */
function openDatabase(factory: IDBFactory | undefined): Promise<IDBDatabase | null> {
  if (!factory) return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      const request = factory.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'id' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      // Only another tab holding an older version can block: treat it as unavailable rather than wait forever
      // (the queue does not start before the history is loaded).
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null); // e.g. SecurityError
    }
  });
}

/** Resolves with the request's result once its transaction has committed; rejects on an error or an abort
 *  (a full quota arrives as an abort with transaction.error set). */
function inTransaction<T>(db: IDBDatabase, mode: IDBTransactionMode, operate: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      const transaction = db.transaction(STORE, mode);
      const request = operate(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onabort = () => reject(transaction.error ?? request.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
    } catch (error) {
      reject(error); // DataCloneError, a closed connection (another tab upgraded the database), ...
    }
  });
}

/** How long the browser's storage may take to open, or to give back the runs, before the page goes on without
 *  it (a storage that never answers otherwise held back the queue, and with it the Train button, for minutes). */
export const STORAGE_TIMEOUT_MS = 10_000;

/** The storage did not answer within STORAGE_TIMEOUT_MS. */
export class StorageTimeout extends Error {}

function withinTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new StorageTimeout(`The browser's storage (IndexedDB) did not ${what} within ${ms / 1000} s.`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** The run history, or null where the browser has no usable IndexedDB; rejects with StorageTimeout when it
 *  does not answer within `timeoutMs`. */
export async function openRunHistory(factory: IDBFactory | undefined = globalThis.indexedDB, timeoutMs = STORAGE_TIMEOUT_MS): Promise<RunHistory | null> {
  const db = await withinTimeout(openDatabase(factory), timeoutMs, 'open');
  if (!db) return null;
  // Let a newer version of the app in another tab upgrade the database; our later writes then fail and say so.
  db.onversionchange = () => db.close();

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
      const values = await withinTimeout(inTransaction<unknown[]>(db, 'readonly', (store) => store.getAll()), timeoutMs, 'give back the saved runs');
      const records = values.filter(isStoredRun);
      records.sort((a, b) => a.createdAt - b.createdAt || a.sequence - b.sequence);
      for (const record of records) {
        sequences.set(record.id, record.sequence);
        nextSequence = Math.max(nextSequence, record.sequence + 1);
      }
      return { runs: records.map(restoredRun), skipped: values.length - records.length };
    },
    async put(run) {
      await inTransaction(db, 'readwrite', (store) => store.put(toStoredRun(run, sequenceOf(run.id))));
    },
    async delete(runId) {
      sequences.delete(runId);
      await inTransaction(db, 'readwrite', (store) => store.delete(runId));
    },
  };
}

// ---- Shape check: a record from an older or damaged store must be skipped, never crash the page. ----

type Shape = Record<string, unknown>;

const isObject = (value: unknown): value is Shape => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const optional = (value: unknown, check: (value: unknown) => boolean): boolean => value === undefined || check(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const RUN_STATES: readonly unknown[] = ['queued', 'starting', 'running', 'paused', 'stopped', 'finished', 'failed'];
const BACKENDS: readonly unknown[] = ['webgpu', 'webgl', 'cpu'];

function hasFiniteFields(value: unknown, fields: readonly string[]): boolean {
  return isObject(value) && fields.every((field) => isFiniteNumber(value[field]));
}

/** The parts of a config the history list needs to show a run (its name comes from the model), and no NaN or
 *  Infinity anywhere in it. The config's own rules are not re-checked: a run trained under older limits stays. */
function isConfigShape(value: unknown): boolean {
  if (!isObject(value) || !isObject(value.model)) return false;
  const { model } = value;
  const numbersFinite = Object.values(value).every((field) => typeof field !== 'number' || Number.isFinite(field));
  return (
    numbersFinite &&
    hasFiniteFields(model, ['depth', 'width']) &&
    isString(model.blockType) &&
    isString(model.shortcut) &&
    isString(model.block)
  );
}

export function isStoredRun(value: unknown): value is StoredRun {
  if (!isObject(value) || value.schemaVersion !== SCHEMA_VERSION) return false;
  const backend = value.backend;
  return (
    isString(value.id) &&
    value.id !== '' &&
    isFiniteNumber(value.sequence) &&
    isFiniteNumber(value.createdAt) &&
    RUN_STATES.includes(value.state) &&
    isConfigShape(value.config) &&
    Array.isArray(value.train) &&
    Array.isArray(value.test) &&
    ['message', 'label', 'experimentId', 'importedFrom'].every((field) => optional(value[field], isString)) &&
    optional(value.hidden, (hidden) => typeof hidden === 'boolean') &&
    ['trainableParameters', 'iterationsPerEpoch', 'totalIterations'].every((field) => optional(value[field], isFiniteNumber)) &&
    optional(value.lrDropIterations, (drops) => Array.isArray(drops) && drops.every((d) => isFiniteNumber(d) && d <= (maxIterations(value.config as unknown as TrainConfig) ?? 0))) &&
    optional(backend, () => isObject(backend) && BACKENDS.includes(backend.name) && isString(backend.detail)) &&
    // Last: every point's values, within bounds that keep the page responsive, as an import checks them (runCurves.ts).
    curvesProblem(value.config as unknown as TrainConfig, value.train as TrainPoint[], value.test as TestPoint[]) === null
  );
}
