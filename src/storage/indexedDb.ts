// The few IndexedDB helpers the run history and the checkpoints share: open with a schema upgrade, one
// request in a transaction as a promise, and a time-out for a storage that never answers.

/** The database, or null when IndexedDB is missing or refuses to open (private windows, file://, opaque origins). */
export function openDatabase(factory: IDBFactory | undefined, name: string, version: number, upgrade: (db: IDBDatabase) => void): Promise<IDBDatabase | null> {
  if (!factory) return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      const request = factory.open(name, version);
      request.onupgradeneeded = () => upgrade(request.result);
      request.onsuccess = () => {
        // Let a newer version of the app in another tab upgrade the database; our later writes then fail and say so.
        request.result.onversionchange = () => request.result.close();
        resolve(request.result);
      };
      request.onerror = () => resolve(null);
      // Only another tab holding an older version can block: treat it as unavailable rather than wait forever
      // (the queue does not start before the history is loaded).
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null); // e.g. SecurityError
    }
  });
}

/** Runs `operate` in one transaction over `stores`; resolves with its result once the transaction has
 *  committed; rejects on an error or an abort (a full quota arrives as an abort with transaction.error set). */
export function inTransaction<T>(
  db: IDBDatabase,
  stores: string | string[],
  mode: IDBTransactionMode,
  operate: (transaction: IDBTransaction) => IDBRequest<T> | (() => T),
): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      const transaction = db.transaction(stores, mode);
      const outcome = operate(transaction);
      transaction.oncomplete = () => resolve(typeof outcome === 'function' ? outcome() : outcome.result);
      transaction.onabort = () => reject(transaction.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
    } catch (error) {
      reject(error); // DataCloneError, a closed connection (another tab upgraded the database), ...
    }
  });
}

/** How long the browser's storage may take to open, or to give back what it holds, before the page goes on
 *  without it (a storage that never answers otherwise held back the queue, and with it the Train button, for minutes). */
export const STORAGE_TIMEOUT_MS = 10_000;

/** The storage did not answer within the time allowed. */
export class StorageTimeout extends Error {}

export function withinTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new StorageTimeout(`The browser's storage (IndexedDB) did not ${what} within ${ms / 1000} s.`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
