// Keeps a loaded CIFAR-10 in this browser's IndexedDB so a user who loaded the archive once does not have to
// pick it again. Everything here is best effort: without IndexedDB (Node, some private modes), over quota, or
// on any storage error, the functions quietly report "not cached" and the app loads the data another way.
import { type CifarDataset, type CifarSplit, IMAGE_BYTES } from './cifarFormat';

const DB_NAME = 'residual-playground';
const DB_VERSION = 1;
const STORE = 'datasets';
/** Bumped when the stored layout changes, so an old entry is ignored rather than misread. */
const ENTRY_FORMAT = 2;
const MANIFEST_KEY = 'cifar10/manifest';
/** Chrome refuses a single IndexedDB value above ~133 MB ("The serialized keys and/or value are too large"),
 *  and the training images alone are 153.6 MB: they are stored in chunks of one official batch file each
 *  (10,000 images, 30.7 MB). */
const CHUNK_IMAGES = 10_000;
const trainChunkKey = (index: number) => `cifar10/train/${index}`;
const TEST_KEY = 'cifar10/test';

interface Manifest {
  format: number;
  trainChunks: number;
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
 * Runs `operate` in one transaction on the store and resolves with its requests' results once the whole
 * transaction has committed, or with null on any error or abort (QuotaExceededError and Chrome's value-size
 * limit arrive as an abort). All-or-nothing: a half-written dataset is never committed.
 */
async function inTransaction(mode: IDBTransactionMode, operate: (store: IDBObjectStore) => IDBRequest[]): Promise<unknown[] | null> {
  const db = await openDatabase();
  if (!db) return null;
  try {
    return await new Promise<unknown[] | null>((resolve) => {
      try {
        const transaction = db.transaction(STORE, mode);
        const requests = operate(transaction.objectStore(STORE));
        transaction.oncomplete = () => resolve(requests.map((request) => request.result));
        transaction.onerror = () => resolve(null);
        transaction.onabort = () => resolve(null);
      } catch {
        resolve(null); // e.g. DataCloneError, or the store is missing
      }
    });
  } finally {
    db.close();
  }
}

function sliceSplit(split: CifarSplit, start: number, end: number): CifarSplit {
  return {
    images: split.images.slice(start * IMAGE_BYTES, end * IMAGE_BYTES),
    labels: split.labels.slice(start, end),
    count: end - start,
  };
}

function concatSplits(chunks: readonly CifarSplit[]): CifarSplit {
  const count = chunks.reduce((sum, chunk) => sum + chunk.count, 0);
  const images = new Uint8Array(count * IMAGE_BYTES);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const chunk of chunks) {
    images.set(chunk.images, at * IMAGE_BYTES);
    labels.set(chunk.labels, at);
    at += chunk.count;
  }
  return { images, labels, count };
}

/** Stores the dataset (about 184 MB). Resolves true when it was stored, false when caching is unavailable. */
export async function saveDatasetToCache(dataset: CifarDataset): Promise<boolean> {
  const trainChunks = Math.ceil(dataset.train.count / CHUNK_IMAGES);
  const manifest: Manifest = { format: ENTRY_FORMAT, trainChunks };
  const stored = await inTransaction('readwrite', (store) => [
    ...Array.from({ length: trainChunks }, (_, i) =>
      store.put(sliceSplit(dataset.train, i * CHUNK_IMAGES, Math.min(dataset.train.count, (i + 1) * CHUNK_IMAGES)), trainChunkKey(i)),
    ),
    store.put(dataset.test, TEST_KEY),
    store.put(manifest, MANIFEST_KEY),
  ]);
  return stored !== null;
}

/** The cached dataset, or null when there is none, it is from an older layout, or the cache is unavailable. */
export async function loadDatasetFromCache(): Promise<CifarDataset | null> {
  const [manifest] = (await inTransaction('readonly', (store) => [store.get(MANIFEST_KEY)])) ?? [];
  if (!isManifest(manifest)) return null;
  const parts = await inTransaction('readonly', (store) => [
    ...Array.from({ length: manifest.trainChunks }, (_, i) => store.get(trainChunkKey(i))),
    store.get(TEST_KEY),
  ]);
  if (!parts || !parts.every(isSplit)) return null;
  const test = parts.pop() as CifarSplit;
  return { train: concatSplits(parts as CifarSplit[]), test };
}

/** Removes the cached dataset, if any. */
export async function clearDatasetCache(): Promise<void> {
  const [manifest] = (await inTransaction('readonly', (store) => [store.get(MANIFEST_KEY)])) ?? [];
  const chunks = isManifest(manifest) ? manifest.trainChunks : 0;
  await inTransaction('readwrite', (store) => [
    store.delete(MANIFEST_KEY),
    store.delete(TEST_KEY),
    ...Array.from({ length: chunks }, (_, i) => store.delete(trainChunkKey(i))),
  ]);
}

function isManifest(value: unknown): value is Manifest {
  if (typeof value !== 'object' || value === null) return false;
  const manifest = value as Partial<Manifest>;
  return manifest.format === ENTRY_FORMAT && Number.isInteger(manifest.trainChunks) && (manifest.trainChunks ?? 0) > 0;
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
