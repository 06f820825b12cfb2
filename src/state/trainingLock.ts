// Only one tab of this page trains at a time: two would share one GPU at half speed each, and both would
// write the same runs. A Web Lock is the arbiter: held by the tab whose run trains, released when it ends or
// the tab goes away (the browser releases it even when the tab crashes).

export const LOCK_NAME = 'residual-playground-training';

export interface TrainingLock {
  /** The lock now, or null when another tab holds it. Call the function to release it. */
  tryAcquire(): Promise<(() => void) | null>;
  /** Resolves once no tab holds the lock (it is taken and given back at once). */
  whenFree(): Promise<void>;
  /** Whether another tab holds the lock now. */
  heldElsewhere(): Promise<boolean>;
}

interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean }, callback: (lock: unknown) => unknown): Promise<unknown>;
  request(name: string, callback: (lock: unknown) => unknown): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

/** The Web Locks lock; where a browser has none (old Safari, some embedded views), every call succeeds, as
 *  if this were the only tab. */
export function webTrainingLock(locks: LockManagerLike | undefined = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks): TrainingLock {
  if (!locks) {
    return { tryAcquire: async () => () => undefined, whenFree: async () => undefined, heldElsewhere: async () => false };
  }
  return {
    tryAcquire: () =>
      new Promise((resolve) => {
        locks
          .request(LOCK_NAME, { ifAvailable: true }, (lock) => {
            if (!lock) return resolve(null);
            // Held until this promise settles.
            return new Promise<void>((release) => resolve(() => release()));
          })
          .catch(() => resolve(null));
      }),
    whenFree: () => locks.request(LOCK_NAME, () => undefined).then(() => undefined, () => undefined),
    heldElsewhere: () => locks.query().then((state) => (state.held ?? []).some((lock) => lock.name === LOCK_NAME), () => false),
  };
}
