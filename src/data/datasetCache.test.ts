import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CifarDataset, IMAGE_BYTES } from './cifarFormat';
import { clearDatasetCache, loadDatasetFromCache, saveDatasetToCache } from './datasetCache';
import { noise, sameElements } from './testing/fixtures';

const dataset: CifarDataset = {
  train: { images: noise(2 * IMAGE_BYTES, 1), labels: new Uint8Array([3, 9]), count: 2 },
  test: { images: noise(IMAGE_BYTES, 2), labels: new Uint8Array([0]), count: 1 },
};

type Handler = (() => void) | null;

/**
 * Just enough of IndexedDB for datasetCache: one database, object stores of structured clones, requests and
 * transactions that complete asynchronously, and an optional quota failure that aborts write transactions.
 */
function fakeIndexedDb(options: { quotaExceeded?: boolean; maxValueBytes?: number } = {}) {
  const stores = new Map<string, Map<string, unknown>>();
  const later = (run: () => void): void => void setTimeout(run, 0);
  const database = {
    objectStoreNames: { contains: (name: string) => stores.has(name) },
    createObjectStore: (name: string) => void stores.set(name, new Map()),
    close: () => undefined,
    transaction: (name: string, mode: string) => {
      const data = stores.get(name);
      if (!data) throw new DOMException('no such store', 'NotFoundError');
      const transaction = { oncomplete: null as Handler, onerror: null as Handler, onabort: null as Handler, objectStore: () => store };
      // Like IndexedDB: the transaction completes (or aborts) once, after all of its requests.
      let pending = 0;
      let aborted = false;
      let tooLarge = false;
      const request = <T>(operate: () => T) => {
        const req = { result: undefined as T | undefined, onsuccess: null as Handler, onerror: null as Handler };
        pending += 1;
        later(() => {
          if (aborted) return;
          if (mode === 'readwrite' && (options.quotaExceeded || tooLarge)) {
            aborted = true;
            return transaction.onabort?.();
          }
          req.result = operate();
          req.onsuccess?.();
          pending -= 1;
          if (pending === 0) later(() => transaction.oncomplete?.());
        });
        return req;
      };
      const store = {
        put: (value: unknown, key: string) => {
          // Chrome aborts the transaction when one value is too large (about 133 MB there).
          const images = (value as { images?: Uint8Array }).images;
          if (options.maxValueBytes !== undefined && images && images.byteLength > options.maxValueBytes) tooLarge = true;
          return request(() => (data.set(key, structuredClone(value)), key));
        },
        get: (key: string) => request(() => structuredClone(data.get(key))),
        delete: (key: string) => request(() => void data.delete(key)),
      };
      return transaction;
    },
  };
  return {
    open: () => {
      const req = { result: database, onupgradeneeded: null as Handler, onsuccess: null as Handler, onerror: null as Handler, onblocked: null as Handler };
      later(() => {
        req.onupgradeneeded?.();
        req.onsuccess?.();
      });
      return req;
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('dataset cache', () => {
  it('is a quiet no-op without IndexedDB (Node)', async () => {
    expect(typeof indexedDB).toBe('undefined');
    expect(await saveDatasetToCache(dataset)).toBe(false);
    expect(await loadDatasetFromCache()).toBeNull();
    await expect(clearDatasetCache()).resolves.toBeUndefined();
  });

  it('stores, loads and clears a dataset', async () => {
    vi.stubGlobal('indexedDB', fakeIndexedDb());
    expect(await loadDatasetFromCache()).toBeNull();
    expect(await saveDatasetToCache(dataset)).toBe(true);
    const loaded = await loadDatasetFromCache();
    expect(loaded?.train.count).toBe(2);
    expect(sameElements(loaded?.train.images, dataset.train.images)).toBe(true);
    expect(sameElements(loaded?.test.labels, dataset.test.labels)).toBe(true);
    await clearDatasetCache();
    expect(await loadDatasetFromCache()).toBeNull();
  });

  it('reports false when the quota is exceeded', async () => {
    vi.stubGlobal('indexedDB', fakeIndexedDb({ quotaExceeded: true }));
    expect(await saveDatasetToCache(dataset)).toBe(false);
    expect(await loadDatasetFromCache()).toBeNull();
  });

  it('stores a training set larger than one IndexedDB value allows, in chunks, and reads it back whole', async () => {
    // 20,001 images are 61 MB; the fake allows 40 MB per value as Chrome allows ~133 MB (the real set is 154 MB).
    vi.stubGlobal('indexedDB', fakeIndexedDb({ maxValueBytes: 40e6 }));
    const count = 20_001;
    const big: CifarDataset = {
      train: { images: noise(count * IMAGE_BYTES, 3), labels: Uint8Array.from({ length: count }, (_, i) => i % 10), count },
      test: dataset.test,
    };
    expect(await saveDatasetToCache(big)).toBe(true);
    const loaded = await loadDatasetFromCache();
    expect(loaded?.train.count).toBe(count);
    expect(sameElements(loaded?.train.images, big.train.images)).toBe(true);
    expect(sameElements(loaded?.train.labels, big.train.labels)).toBe(true);
  });
});
