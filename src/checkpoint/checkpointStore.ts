// Checkpoints in IndexedDB, crash-safe by construction: each run has two slots written alternately, and a
// pointer naming the slot to resume from, written only after the slot's transaction has committed. A tab that
// dies mid-write leaves at worst a half-written slot the pointer does not name: the previous checkpoint is
// intact. A database of its own (not the runs'), so either can be cleared without the other; the worker writes
// it, the UI thread lists and deletes what it holds.
import { inTransaction, openDatabase, STORAGE_TIMEOUT_MS, withinTimeout } from '../storage/indexedDb';
import { checkpointBytes, checkpointProblem, type Checkpoint, type CheckpointInfo } from './checkpoint';

export const CHECKPOINT_DB_NAME = 'residual-playground-checkpoints';
const DB_VERSION = 1;
/** Records { runId, slot: 0 | 1, checkpoint }, keyed by [runId, slot]. */
const SLOTS = 'slots';
/** Records CheckpointInfo & { slot }, keyed by runId: the slot that holds the run's newest whole checkpoint. */
const POINTERS = 'pointers';

type Slot = 0 | 1;
type Pointer = CheckpointInfo & { slot: Slot };

export interface LoadedCheckpoint {
  checkpoint: Checkpoint;
  /** Set when the slot the pointer names was damaged and the other, older slot was used instead. */
  fellBack?: string;
}

export interface CheckpointStore {
  /** Writes the slot the pointer does not name, then the pointer. Resolves with what the UI shows. */
  save(checkpoint: Checkpoint): Promise<CheckpointInfo>;
  /** The run's newest whole checkpoint, or null when it has none (or both slots are damaged). */
  load(runId: string): Promise<LoadedCheckpoint | null>;
  /** Every run's pointer: where it would resume and the bytes it takes. */
  list(): Promise<CheckpointInfo[]>;
  delete(runId: string): Promise<void>;
}

function upgrade(db: IDBDatabase): void {
  if (!db.objectStoreNames.contains(SLOTS)) db.createObjectStore(SLOTS, { keyPath: ['runId', 'slot'] });
  if (!db.objectStoreNames.contains(POINTERS)) db.createObjectStore(POINTERS, { keyPath: 'runId' });
}

const isPointer = (value: unknown): value is Pointer => {
  const pointer = value as Partial<Pointer> | undefined;
  return (
    typeof pointer === 'object' && pointer !== null && typeof pointer.runId === 'string' && (pointer.slot === 0 || pointer.slot === 1) &&
    Number.isInteger(pointer.iteration) && Number.isFinite(pointer.bytes) && Number.isFinite(pointer.savedAt)
  );
};

function toInfo({ runId, iteration, bytes, savedAt }: Pointer): CheckpointInfo {
  return { runId, iteration, bytes, savedAt };
}

/** The checkpoint store, or null where IndexedDB is unavailable; rejects with StorageTimeout when it does not
 *  open within `timeoutMs`. */
export async function openCheckpointStore(factory: IDBFactory | undefined = globalThis.indexedDB, timeoutMs = STORAGE_TIMEOUT_MS): Promise<CheckpointStore | null> {
  const db = await withinTimeout(openDatabase(factory, CHECKPOINT_DB_NAME, DB_VERSION, upgrade), timeoutMs, 'open');
  if (!db) return null;

  const readPointer = (runId: string): Promise<Pointer | null> =>
    inTransaction<unknown>(db, POINTERS, 'readonly', (t) => t.objectStore(POINTERS).get(runId)).then((value) => (isPointer(value) ? value : null));

  const readSlot = async (runId: string, slot: Slot): Promise<Checkpoint | string> => {
    const record = await inTransaction<unknown>(db, SLOTS, 'readonly', (t) => t.objectStore(SLOTS).get([runId, slot]));
    const checkpoint = (record as { checkpoint?: unknown } | undefined)?.checkpoint;
    const problem = checkpointProblem(checkpoint);
    if (problem) return problem;
    return (checkpoint as Checkpoint).runId === runId ? (checkpoint as Checkpoint) : 'another run';
  };

  return {
    async save(checkpoint) {
      const current = await readPointer(checkpoint.runId);
      const slot: Slot = current?.slot === 0 ? 1 : 0;
      await inTransaction(db, SLOTS, 'readwrite', (t) => t.objectStore(SLOTS).put({ runId: checkpoint.runId, slot, checkpoint }));
      // Only now, with the slot committed, does the pointer move to it.
      const pointer: Pointer = { runId: checkpoint.runId, slot, iteration: checkpoint.iteration, bytes: checkpointBytes(checkpoint), savedAt: checkpoint.savedAt };
      await inTransaction(db, POINTERS, 'readwrite', (t) => t.objectStore(POINTERS).put(pointer));
      return toInfo(pointer);
    },

    async load(runId) {
      const pointer = await readPointer(runId);
      if (!pointer) return null;
      const named = await readSlot(runId, pointer.slot);
      if (typeof named !== 'string') return { checkpoint: named };
      const other = await readSlot(runId, pointer.slot === 0 ? 1 : 0);
      if (typeof other !== 'string') return { checkpoint: other, fellBack: `the newest checkpoint was damaged (${named})` };
      return null;
    },

    async list() {
      const values = await withinTimeout(
        inTransaction<unknown[]>(db, POINTERS, 'readonly', (t) => t.objectStore(POINTERS).getAll()),
        timeoutMs,
        'list the checkpoints',
      );
      return values.filter(isPointer).map(toInfo);
    },

    async delete(runId) {
      await inTransaction(db, [SLOTS, POINTERS], 'readwrite', (t) => {
        const done = [t.objectStore(POINTERS).delete(runId), t.objectStore(SLOTS).delete([runId, 0]), t.objectStore(SLOTS).delete([runId, 1])];
        return () => void done;
      });
    },
  };
}
