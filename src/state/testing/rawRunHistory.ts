// Test helpers for the run history: a fresh fake IndexedDB, and raw writes into its store, as an older or broken
// version of the app might have left them. Never shipped.
import { IDBFactory } from 'fake-indexeddb';
import { openRunHistory, type RunHistory } from '../runHistory';

/** A fresh, empty IndexedDB per test; `reopen` reads the same one as a reloaded page would. */
export async function freshHistory() {
  const factory = new IDBFactory();
  const reopen = async (): Promise<RunHistory> => (await openRunHistory(factory))!;
  return { factory, history: await reopen(), reopen };
}

/** Writes raw values straight into the store, as an older or broken version of the app might have. */
export function putRaw(factory: IDBFactory, values: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.open('residual-playground-runs');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const transaction = request.result.transaction('runs', 'readwrite');
      values.forEach((value) => transaction.objectStore('runs').put(value));
      transaction.oncomplete = () => (request.result.close(), resolve());
      transaction.onabort = () => reject(transaction.error);
    };
  });
}
