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
function fakeIndexedDb(options: { quotaExceeded?: boolean } = {}) {
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
      const request = <T>(operate: () => T) => {
        const req = { result: undefined as T | undefined, onsuccess: null as Handler, onerror: null as Handler };
        later(() => {
          if (mode === 'readwrite' && options.quotaExceeded) return transaction.onabort?.();
          req.result = operate();
          req.onsuccess?.();
          transaction.oncomplete?.();
        });
        return req;
      };
      const store = {
        put: (value: unknown, key: string) => request(() => (data.set(key, structuredClone(value)), key)),
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
});
