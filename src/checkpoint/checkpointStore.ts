// Checkpoints in IndexedDB, crash-safe by construction: each run has two slots written alternately, and a
// pointer naming the slot to resume from, written only after the slot's transaction has committed. A tab that
// dies mid-write leaves at worst a half-written slot the pointer does not name: the previous checkpoint is
// intact. A database of its own (not the runs'), so either can be cleared without the other; the worker writes
// it, the UI thread lists and deletes what it holds. Nothing read back is trusted unchecked: a slot that fails
// the checks (checkpointCheck.ts) is passed over for the other, and slots whose pointer is gone are still found.
import { inTransaction, openDatabase, STORAGE_TIMEOUT_MS, withinTimeout } from '../storage/indexedDb';
import { checkpointBytes, type Checkpoint, type CheckpointInfo } from './checkpoint';
import { checkpointProblem } from './checkpointCheck';

export const CHECKPOINT_DB_NAME = 'residual-playground-checkpoints';
const DB_VERSION = 1;
/** Records { runId, slot: 0 | 1, checkpoint }, keyed by [runId, slot]. */
const SLOTS = 'slots';
/** Records CheckpointInfo & { slot }, keyed by runId: the slot that holds the run's newest whole checkpoint. */
const POINTERS = 'pointers';

type Slot = 0 | 1;
type Pointer = CheckpointInfo & { slot: Slot };

export type LoadedCheckpoint =
  | {
      checkpoint: Checkpoint;
      /** Set when the newest slot failed a check and the other, older slot was used instead: why. */
      fellBack?: string;
    }
  /** No slot passed: why not, for the user. */
  | { checkpoint: null; problem: string };

/** Beyond checkpointProblem, what the loader knows of the run (checkpointFitProblem): why it cannot continue
 *  from `checkpoint`, or null. */
export type CheckpointCheck = (checkpoint: Checkpoint) => string | null;

export interface CheckpointStore {
  /** Writes the slot the pointer does not name, then the pointer. Resolves with what the UI shows. */
  save(checkpoint: Checkpoint): Promise<CheckpointInfo>;
  /** The run's newest checkpoint that passes checkpointProblem and `check`: the pointer's slot, else the other
   *  (the pointer is then moved to it, so the next save overwrites the failed one); without a pointer, the slot
   *  with the higher iteration first. */
  load(runId: string, check?: CheckpointCheck): Promise<LoadedCheckpoint>;
  /** Every run's checkpoint: where it would resume and the bytes it takes, from its pointer or, when the
   *  pointer is missing or unreadable, from its slots (so they are resumed, or deleted with their run). */
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

function pointerTo(checkpoint: Checkpoint, slot: Slot): Pointer {
  return { runId: checkpoint.runId, slot, iteration: checkpoint.iteration, bytes: checkpointBytes(checkpoint), savedAt: checkpoint.savedAt };
}

/** A stored value's iteration, when it has one (damaged values may not). */
function storedIteration(value: unknown): number | null {
  const iteration = (value as { iteration?: unknown } | null | undefined)?.iteration;
  return Number.isSafeInteger(iteration) && (iteration as number) >= 0 ? (iteration as number) : null;
}

function iterationOf(value: unknown): string {
  const iteration = storedIteration(value);
  return iteration === null ? '' : ` (iteration ${iteration.toLocaleString('en-US')})`;
}

/** Without a pointer to say which slot is newer, the higher iteration is. */
function newestFirst(stored: unknown[]): Slot[] {
  return (storedIteration(stored[1]) ?? -1) > (storedIteration(stored[0]) ?? -1) ? [1, 0] : [0, 1];
}

/** Bytes of every typed array in a stored value's tensors and order, whole or not: what it takes in storage. */
function storedBytes(value: unknown): number {
  const fields = value as { tensors?: unknown; order?: unknown } | null | undefined;
  const tensors = Array.isArray(fields?.tensors) ? fields.tensors : [];
  const arrays = [...tensors.map((tensor) => (tensor as { values?: unknown } | null)?.values), fields?.order];
  return arrays.reduce<number>((sum, array) => sum + (ArrayBuffer.isView(array) ? array.byteLength : 0), 0);
}

/** What a run whose pointer is gone would resume from: its newest whole slot; when neither is whole, still an
 *  entry (the newest iteration found, the bytes both take), so the slots are counted, and a Resume says why
 *  they cannot be used and deletes them. */
function orphanInfo(runId: string, stored: unknown[]): CheckpointInfo {
  for (const slot of newestFirst(stored)) {
    const value = stored[slot];
    if (value !== undefined && checkpointProblem(value) === null && (value as Checkpoint).runId === runId) return toInfo(pointerTo(value as Checkpoint, slot));
  }
  const iteration = Math.max(0, ...stored.map((value) => storedIteration(value) ?? 0));
  return { runId, iteration, bytes: stored.reduce<number>((sum, value) => sum + storedBytes(value), 0), savedAt: 0 };
}

/** The checkpoint store, or null where IndexedDB is unavailable; rejects with StorageTimeout when it does not
 *  open within `timeoutMs`. */
export async function openCheckpointStore(factory: IDBFactory | undefined = globalThis.indexedDB, timeoutMs = STORAGE_TIMEOUT_MS): Promise<CheckpointStore | null> {
  const db = await withinTimeout(openDatabase(factory, CHECKPOINT_DB_NAME, DB_VERSION, upgrade), timeoutMs, 'open');
  if (!db) return null;

  const readPointer = (runId: string): Promise<Pointer | null> =>
    inTransaction<unknown>(db, POINTERS, 'readonly', (t) => t.objectStore(POINTERS).get(runId)).then((value) => (isPointer(value) ? value : null));

  const readSlot = async (runId: string, slot: Slot): Promise<unknown> => {
    const record = await inTransaction<unknown>(db, SLOTS, 'readonly', (t) => t.objectStore(SLOTS).get([runId, slot]));
    return (record as { checkpoint?: unknown } | undefined)?.checkpoint;
  };

  const writePointer = (pointer: Pointer) => inTransaction(db, POINTERS, 'readwrite', (t) => t.objectStore(POINTERS).put(pointer));

  return {
    async save(checkpoint) {
      const current = await readPointer(checkpoint.runId);
      const slot: Slot = current?.slot === 0 ? 1 : 0;
      await inTransaction(db, SLOTS, 'readwrite', (t) => t.objectStore(SLOTS).put({ runId: checkpoint.runId, slot, checkpoint }));
      // Only now, with the slot committed, does the pointer move to it.
      const pointer = pointerTo(checkpoint, slot);
      await writePointer(pointer);
      return toInfo(pointer);
    },

    async load(runId, check = () => null) {
      const pointer = await readPointer(runId);
      const stored = await Promise.all([readSlot(runId, 0), readSlot(runId, 1)]);
      const slots: Slot[] = pointer ? [pointer.slot, pointer.slot === 0 ? 1 : 0] : newestFirst(stored);
      const failed: string[] = [];
      for (const slot of slots) {
        const value = stored[slot];
        if (value === undefined) continue;
        const problem = checkpointProblem(value) ?? ((value as Checkpoint).runId === runId ? check(value as Checkpoint) : 'it belongs to another run');
        const name = `${failed.length === 0 ? 'the newest checkpoint' : 'the older one'}${iterationOf(value)}`;
        if (problem) {
          failed.push(`${name} cannot be used (${problem})`);
          continue;
        }
        const checkpoint = value as Checkpoint;
        if (pointer?.slot !== slot || pointer.iteration !== checkpoint.iteration) {
          // Repaired, so the next save overwrites the failed slot and never this one, and the list says where
          // the run resumes.
          await writePointer(pointerTo(checkpoint, slot)).catch(() => undefined);
        }
        return failed.length === 0 ? { checkpoint } : { checkpoint, fellBack: failed.join('; ') };
      }
      return { checkpoint: null, problem: failed.length === 0 ? "there is no checkpoint in this browser's storage" : failed.join('; ') };
    },

    async list() {
      const listing = async () => {
        const [values, keys] = await Promise.all([
          inTransaction<unknown[]>(db, POINTERS, 'readonly', (t) => t.objectStore(POINTERS).getAll()),
          inTransaction<IDBValidKey[]>(db, SLOTS, 'readonly', (t) => t.objectStore(SLOTS).getAllKeys()),
        ]);
        const listed = values.filter(isPointer).map(toInfo);
        const pointed = new Set(listed.map((info) => info.runId));
        const orphans = new Set(keys.flatMap((key) => (Array.isArray(key) && typeof key[0] === 'string' && !pointed.has(key[0]) ? [key[0]] : [])));
        for (const runId of orphans) listed.push(orphanInfo(runId, await Promise.all([readSlot(runId, 0), readSlot(runId, 1)])));
        return listed;
      };
      return withinTimeout(listing(), timeoutMs, 'list the checkpoints');
    },

    async delete(runId) {
      await inTransaction(db, [SLOTS, POINTERS], 'readwrite', (t) => {
        const done = [t.objectStore(POINTERS).delete(runId), t.objectStore(SLOTS).delete([runId, 0]), t.objectStore(SLOTS).delete([runId, 1])];
        return () => void done;
      });
    },
  };
}
