// Keeps a loaded CIFAR-10 in this browser's IndexedDB so a user who loaded the archive once does not have to
// pick it again. Everything here is best effort: without IndexedDB (Node, some private modes), over quota, or
// on any storage error, the functions quietly report "not cached" and the app loads the data another way.
import { type CifarDataset, type CifarSplit, IMAGE_BYTES } from './cifarFormat';

const DB_NAME = 'residual-playground';
const DB_VERSION = 1;
const STORE = 'datasets';
const KEY = 'cifar10';
/** Bumped when the stored layout changes, so an old entry is ignored rather than misread. */
const ENTRY_FORMAT = 1;

interface CacheEntry {
  format: number;
  train: CifarSplit;
  test: CifarSplit;
}

/** The database, or null when IndexedDB is missing or refuses to open. */
function openDatabase(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null); // e.g. SecurityError in an opaque origin
    }
  });
}

/**
 * Runs `operate` in one transaction on the store and resolves with its request's result once the
 * transaction has committed, or with `failed` on any error or abort (QuotaExceededError arrives as an abort).
 */
async function inTransaction<T, F>(
  mode: IDBTransactionMode,
  operate: (store: IDBObjectStore) => IDBRequest<T>,
  failed: F,
): Promise<T | F> {
  const db = await openDatabase();
  if (!db) return failed;
  try {
    return await new Promise<T | F>((resolve) => {
      try {
        const transaction = db.transaction(STORE, mode);
        const request = operate(transaction.objectStore(STORE));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => resolve(failed);
        transaction.onabort = () => resolve(failed);
      } catch {
        resolve(failed); // e.g. DataCloneError, or the store is missing
      }
    });
  } finally {
    db.close();
  }
}

/** Stores the dataset (about 184 MB). Resolves true when it was stored, false when caching is unavailable. */
export async function saveDatasetToCache(dataset: CifarDataset): Promise<boolean> {
  const entry: CacheEntry = { format: ENTRY_FORMAT, train: dataset.train, test: dataset.test };
  const stored = await inTransaction('readwrite', (store) => store.put(entry, KEY), null);
  return stored !== null;
}

/** The cached dataset, or null when there is none, it is from an older layout, or the cache is unavailable. */
export async function loadDatasetFromCache(): Promise<CifarDataset | null> {
  const entry: unknown = await inTransaction('readonly', (store) => store.get(KEY), null);
  if (!isCacheEntry(entry)) return null;
  return { train: entry.train, test: entry.test };
}

/** Removes the cached dataset, if any. */
export async function clearDatasetCache(): Promise<void> {
  await inTransaction('readwrite', (store) => store.delete(KEY), null);
}

function isSplit(value: unknown): value is CifarSplit {
  if (typeof value !== 'object' || value === null) return false;
  const { images, labels, count } = value as Partial<CifarSplit>;
  return (
    typeof count === 'number' &&
    count > 0 &&
    images instanceof Uint8Array &&
    labels instanceof Uint8Array &&
    images.length === count * IMAGE_BYTES &&
    labels.length === count
  );
}

function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<CacheEntry>;
  return entry.format === ENTRY_FORMAT && isSplit(entry.train) && isSplit(entry.test);
}
