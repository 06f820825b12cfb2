import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import { StorageTimeout } from '../storage/indexedDb';
import type { Checkpoint } from './checkpoint';
import { checkpointFitProblem } from './checkpointCheck';
import { CHECKPOINT_DB_NAME, openCheckpointStore, type LoadedCheckpoint } from './checkpointStore';

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
    curve: {
      train: Array.from({ length: iteration }, (_, i) => ({ iteration: i + 1, epoch: (i + 1) / 10, trainError: 80, trainLoss: 2, learningRate: 0.1 })),
      test: [{ iteration, epoch: iteration / 10, testError: 85, testLoss: 2.1 }],
    },
  };
}

/** What the store gives back, or the test fails saying why it gave nothing. */
function loadedCheckpoint(loaded: LoadedCheckpoint): Checkpoint {
  if (loaded.checkpoint === null) throw new Error(`nothing loaded: ${loaded.problem}`);
  return loaded.checkpoint;
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
    expect(loaded).toEqual({ checkpoint: saved });
    expect(loadedCheckpoint(loaded).tensors[0].values).toBeInstanceOf(Float32Array);
    expect(await store.load('another-run')).toEqual({ checkpoint: null, problem: expect.stringContaining('no checkpoint') });
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
    expect(loadedCheckpoint(await store.load('run-1')).iteration).toBe(30);
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
    expect(loadedCheckpoint(loaded).iteration).toBe(20);
    expect(loaded).not.toHaveProperty('fellBack');
  });

  it('a damaged newest slot falls back to the older one and says so; two damaged slots give no checkpoint', async () => {
    const { factory, store, reopen } = await freshStore();
    await store.save(checkpointAt(10)); // slot 0
    await store.save(checkpointAt(20)); // slot 1, pointed at
    const db = await rawDb(factory);
    await rawPut(db, 'slots', { runId: 'run-1', slot: 1, checkpoint: { ...checkpointAt(20), order: 'junk' } });
    const loaded = await (await reopen()).load('run-1');
    expect(loadedCheckpoint(loaded).iteration).toBe(10);
    expect(loaded).toMatchObject({ fellBack: expect.stringContaining('epoch order') });
    await rawPut(db, 'slots', { runId: 'run-1', slot: 0, checkpoint: null });
    db.close();
    expect(await store.load('run-1')).toMatchObject({ checkpoint: null });
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
    expect(await store.load('a')).toMatchObject({ checkpoint: null });
    const db = await rawDb(factory);
    expect(await rawGet(db, 'slots', ['a', 0])).toBeUndefined();
    expect(await rawGet(db, 'slots', ['a', 1])).toBeUndefined();
    db.close();
  });

  // Issue 19: a checkpoint is checked completely before it is trusted, and a bad newest slot falls back.
  describe('what it gives back is checked completely', () => {
    /** The network of checkpointAt and a run of 40 iterations, as the trainer knows them once it is built. */
    const expected = {
      tensors: [
        { name: 'stem/conv', shape: [3, 3, 3, 2] },
        { name: 'stem/bn/runningMean', shape: [2] },
      ],
      totalIterations: 40,
    };
    const fits = (checkpoint: Checkpoint) => checkpointFitProblem(checkpoint, expected);

    /** Iterations 10 (slot 0) and 20 (slot 1, the pointer's), then slot 1 replaced by `damage(checkpoint at 20)`. */
    async function newestDamaged(damage: (checkpoint: Checkpoint) => unknown) {
      const { factory, store } = await freshStore();
      await store.save(checkpointAt(10));
      await store.save(checkpointAt(20));
      const db = await rawDb(factory);
      await rawPut(db, 'slots', { runId: 'run-1', slot: 1, checkpoint: damage(checkpointAt(20)) });
      return { factory, store, db };
    }

    const cases: [string, (checkpoint: Checkpoint) => unknown, RegExp][] = [
      // Finding 3: one weight NaN.
      ['a NaN weight', (c) => ((c.tensors[0].values[7] = Number.NaN), c), /tensor stem\/conv holds NaN at index 7/],
      ['an infinite running mean', (c) => ((c.tensors[1].values[1] = -Infinity), c), /stem\/bn\/runningMean holds -Infinity/],
      // Finding 4: the iteration edited (its weights, and its curve, are those of 8).
      ['an edited iteration', () => ({ ...checkpointAt(8), iteration: 20 }), /says iteration 20, but its curve ends at iteration 8/],
      // Finding 8: damage the old check let through.
      ['a permuted shape', (c) => ((c.tensors[0].shape = [2, 3, 3, 3]), c), /stem\/conv is \[2,3,3,3\], the network's \[3,3,3,2\]/],
      ['iteration 1e12', (c) => ({ ...c, iteration: 1e12, curve: undefined }), /iteration 1,000,000,000,000, past the run's 40/],
      ['an epoch order of 1,000,000s', (c) => ({ ...c, order: new Int32Array(6).fill(1_000_000) }), /epoch order names image 1,000,000 of 6/],
      ['an image twice in the epoch order', (c) => ({ ...c, order: Int32Array.of(0, 1, 2, 3, 4, 4) }), /image 4 twice/],
      ['a generator state out of range', (c) => ({ ...c, rngState: [1, 2, 3, 2 ** 32] }), /generator state/],
      ['a curve past its iteration', (c) => ({ ...c, curve: { ...c.curve!, test: [{ iteration: 21, epoch: 2.1, testError: 80, testLoss: 2 }] } }), /test point at iteration 21/],
      ['a NaN loss in its curve', (c) => ((c.curve!.train[3].trainLoss = Number.NaN), c), /curve is damaged/],
    ];
    for (const [what, damage, reason] of cases) {
      it(`${what} in the newest slot: the older slot is used, saying why, and the next save overwrites the bad one`, async () => {
        const { factory, store, db } = await newestDamaged(damage);
        const loaded = await (await openCheckpointStore(factory))!.load('run-1', fits);
        expect(loadedCheckpoint(loaded)).toEqual(checkpointAt(10));
        expect(loaded).toMatchObject({ fellBack: expect.stringMatching(new RegExp(`newest checkpoint.*cannot be used \\(.*${reason.source}`)) });
        // The pointer now names the good slot: listed there, and the next save goes over the damaged one.
        expect((await store.list()).map((info) => info.iteration)).toEqual([10]);
        await store.save(checkpointAt(30));
        expect(((await rawGet(db, 'slots', ['run-1', 1])) as { checkpoint: Checkpoint }).checkpoint.iteration).toBe(30);
        expect(((await rawGet(db, 'slots', ['run-1', 0])) as { checkpoint: Checkpoint }).checkpoint.iteration).toBe(10);
        db.close();
      });
    }

    it('a pointer that disagrees with its slot is set right: the list says where the run resumes', async () => {
      const { factory, store } = await freshStore();
      await store.save(checkpointAt(10));
      await store.save(checkpointAt(20));
      const db = await rawDb(factory);
      await rawPut(db, 'pointers', { ...(await rawGet(db, 'pointers', 'run-1') as object), iteration: 30 });
      db.close();
      expect((await store.list())[0].iteration).toBe(30);
      expect(loadedCheckpoint(await store.load('run-1', fits)).iteration).toBe(20);
      expect((await store.list())[0].iteration).toBe(20);
    });

    it('both slots bad: nothing to resume, and the reason names both', async () => {
      const { store, db } = await newestDamaged((c) => ((c.tensors[0].values[0] = Number.NaN), c));
      await rawPut(db, 'slots', { runId: 'run-1', slot: 0, checkpoint: { ...checkpointAt(10), order: new Int32Array(6).fill(1_000_000) } });
      db.close();
      const loaded = await store.load('run-1', fits);
      expect(loaded).toEqual({ checkpoint: null, problem: expect.stringMatching(/newest checkpoint \(iteration 20\) cannot be used \(.*NaN.*\); the older one \(iteration 10\) cannot be used \(.*epoch order/) });
    });

    // Finding 7.
    for (const [what, pointer] of [['deleted', undefined], ['unreadable', { runId: 'run-1', slot: 7, iteration: 'twenty' }]] as const) {
      it(`a pointer ${what}: the slots are still listed with their iteration and bytes, load the newest, and are deleted with their run`, async () => {
        const { factory, store } = await freshStore();
        await store.save(checkpointAt(10, 'other'));
        await store.save(checkpointAt(10));
        await store.save(checkpointAt(20));
        const db = await rawDb(factory);
        await new Promise<void>((resolve) => {
          const transaction = db.transaction('pointers', 'readwrite');
          if (pointer) transaction.objectStore('pointers').put(pointer);
          else transaction.objectStore('pointers').delete('run-1');
          transaction.oncomplete = () => resolve();
        });
        const listed = await store.list();
        expect(listed.find((info) => info.runId === 'run-1')).toEqual({ runId: 'run-1', iteration: 20, bytes: 54 * 4 + 2 * 4 + 6 * 4, savedAt: checkpointAt(20).savedAt });
        const loaded = await store.load('run-1', fits);
        expect(loaded).toEqual({ checkpoint: checkpointAt(20) });
        // Found again through a pointer from now on.
        expect(await rawGet(db, 'pointers', 'run-1')).toMatchObject({ slot: 1, iteration: 20 });
        await store.delete('run-1');
        expect((await store.list()).map((info) => info.runId)).toEqual(['other']);
        db.close();
      });
    }

    it('slots without a pointer that are both damaged are still counted, and a load says why', async () => {
      const { factory, store } = await freshStore();
      const db = await rawDb(factory);
      const nan = checkpointAt(20);
      nan.tensors[0].values.fill(Number.NaN);
      await rawPut(db, 'slots', { runId: 'run-1', slot: 0, checkpoint: nan });
      await rawPut(db, 'slots', { runId: 'run-1', slot: 1, checkpoint: 'junk' });
      db.close();
      expect(await store.list()).toEqual([{ runId: 'run-1', iteration: 20, bytes: 54 * 4 + 2 * 4 + 6 * 4, savedAt: 0 }]);
      expect(await store.load('run-1', fits)).toEqual({ checkpoint: null, problem: expect.stringMatching(/iteration 20\) cannot be used \(tensor stem\/conv holds NaN.*not a checkpoint/) });
    });
  });
});
