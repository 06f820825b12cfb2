import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import { StorageTimeout } from '../storage/indexedDb';
import type { Checkpoint } from './checkpoint';
import { CHECKPOINT_DB_NAME, openCheckpointStore } from './checkpointStore';

function checkpointAt(iteration: number, runId = 'run-1'): Checkpoint {
  return {
    runId,
    iteration,
    savedAt: 1_700_000_000_000 + iteration,
    config: PRESETS[0].config,
    trainImages: 6,
    tensors: [
      { name: 'stem/conv', shape: [3, 3, 3, 2], values: Float32Array.from({ length: 54 }, (_, i) => i * 0.01 + iteration) },
      { name: 'stem/bn/runningMean', shape: [2], values: Float32Array.of(iteration, -iteration) },
    ],
    rngState: [1, 2, 3, 4 + iteration],
    order: Int32Array.of(5, 4, 3, 2, 1, 0),
    warmingUp: iteration < 3,
  };
}

/** Opens the checkpoint database without the store's code, to leave it as a crash or a bad disk would. */
function rawDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(CHECKPOINT_DB_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function rawPut(db: IDBDatabase, store: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(store, 'readwrite');
    transaction.objectStore(store).put(value);
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error);
  });
}

function rawGet(db: IDBDatabase, store: string, key: IDBValidKey): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = db.transaction(store).objectStore(store).get(key);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function freshStore() {
  const factory = new IDBFactory();
  const store = (await openCheckpointStore(factory))!;
  return { factory, store, reopen: async () => (await openCheckpointStore(factory))! };
}

describe('checkpoint store', () => {
  it('is unavailable without IndexedDB, and gives up on a storage that never answers', async () => {
    expect(await openCheckpointStore(undefined)).toBeNull();
    const silent = { open: () => ({}) } as unknown as IDBFactory;
    await expect(openCheckpointStore(silent, 30)).rejects.toBeInstanceOf(StorageTimeout);
  });

  it('gives back every tensor, the generator state, the epoch order and the warm-up state, across a reopen', async () => {
    const { store, reopen } = await freshStore();
    const saved = checkpointAt(7);
    const info = await store.save(saved);
    expect(info).toEqual({ runId: 'run-1', iteration: 7, bytes: 54 * 4 + 2 * 4 + 6 * 4, savedAt: saved.savedAt });
    const loaded = await (await reopen()).load('run-1');
    expect(loaded?.fellBack).toBeUndefined();
    expect(loaded?.checkpoint).toEqual(saved);
    expect(loaded?.checkpoint.tensors[0].values).toBeInstanceOf(Float32Array);
    expect(await store.load('another-run')).toBeNull();
  });

  it('writes the two slots alternately and resumes from the newest', async () => {
    const { factory, store } = await freshStore();
    await store.save(checkpointAt(10));
    await store.save(checkpointAt(20));
    await store.save(checkpointAt(30));
    const db = await rawDb(factory);
    const slots = await Promise.all([rawGet(db, 'slots', ['run-1', 0]), rawGet(db, 'slots', ['run-1', 1])]);
    expect(slots.map((slot) => (slot as { checkpoint: Checkpoint }).checkpoint.iteration)).toEqual([30, 20]);
    db.close();
    expect((await store.load('run-1'))?.checkpoint.iteration).toBe(30);
  });

  it('a torn write (a slot half written, the pointer not moved) keeps the previous checkpoint', async () => {
    const { factory, store, reopen } = await freshStore();
    await store.save(checkpointAt(10));
    await store.save(checkpointAt(20)); // pointer -> slot 1
    const db = await rawDb(factory);
    // The tab died while writing iteration 30 into slot 0: its tensors are cut short, the pointer still says slot 1.
    const torn = checkpointAt(30);
    torn.tensors[0].values = torn.tensors[0].values.subarray(0, 10);
    await rawPut(db, 'slots', { runId: 'run-1', slot: 0, checkpoint: torn });
    db.close();
    const loaded = await (await reopen()).load('run-1');
    expect(loaded?.checkpoint.iteration).toBe(20);
    expect(loaded?.fellBack).toBeUndefined();
  });

  it('a damaged newest slot falls back to the older one and says so; two damaged slots give no checkpoint', async () => {
    const { factory, store, reopen } = await freshStore();
    await store.save(checkpointAt(10)); // slot 0
    await store.save(checkpointAt(20)); // slot 1, pointed at
    const db = await rawDb(factory);
    await rawPut(db, 'slots', { runId: 'run-1', slot: 1, checkpoint: { ...checkpointAt(20), order: 'junk' } });
    const loaded = await (await reopen()).load('run-1');
    expect(loaded?.checkpoint.iteration).toBe(10);
    expect(loaded?.fellBack).toContain('epoch order');
    await rawPut(db, 'slots', { runId: 'run-1', slot: 0, checkpoint: null });
    db.close();
    expect(await store.load('run-1')).toBeNull();
  });

  it('lists what each run would resume from and its size, and deletes both slots and the pointer', async () => {
    const { factory, store } = await freshStore();
    await store.save(checkpointAt(10, 'a'));
    await store.save(checkpointAt(20, 'a'));
    await store.save(checkpointAt(5, 'b'));
    const listed = await store.list();
    expect(listed.map(({ runId, iteration }) => [runId, iteration]).sort()).toEqual([['a', 20], ['b', 5]]);
    await store.delete('a');
    expect((await store.list()).map((info) => info.runId)).toEqual(['b']);
    expect(await store.load('a')).toBeNull();
    const db = await rawDb(factory);
    expect(await rawGet(db, 'slots', ['a', 0])).toBeUndefined();
    expect(await rawGet(db, 'slots', ['a', 1])).toBeUndefined();
    db.close();
  });
});
