// When the trainer saves a checkpoint between evaluations: often enough that a crash loses little, rarely
// enough that saving costs at most 2% of the training time, whatever the device and the network.

/** Saving may take this fraction of the wall time: after a save of c ms the next waits for 49c ms of training. */
export const MAX_SAVE_FRACTION = 0.02;

/** Never more often than this (ms): on a fast GPU a small network saves in milliseconds, and a save per second
 *  would only wear the disk. A crash loses at most this much training, plus one save's time. */
export const MIN_CHECKPOINT_INTERVAL_MS = 10_000;

export class CheckpointCadence {
  private lastSaveEndedAt: number;
  private lastSaveMs = 0;
  private totalSaveMs = 0;
  private saves = 0;

  /** Times in ms on one clock (performance.now()). */
  constructor(
    startedAt: number,
    private readonly minIntervalMs = MIN_CHECKPOINT_INTERVAL_MS,
  ) {
    this.lastSaveEndedAt = startedAt;
  }

  /** True when enough training has passed since the last save for the next one to stay within budget. */
  isDue(now: number): boolean {
    const wait = Math.max(this.minIntervalMs, (this.lastSaveMs * (1 - MAX_SAVE_FRACTION)) / MAX_SAVE_FRACTION);
    return now - this.lastSaveEndedAt >= wait;
  }

  /** A save ran from startedAt to endedAt (ms). */
  recordSave(startedAt: number, endedAt: number): void {
    this.lastSaveMs = endedAt - startedAt;
    this.totalSaveMs += this.lastSaveMs;
    this.saves += 1;
    this.lastSaveEndedAt = endedAt;
  }

  /** A pause or an evaluation: its time is not training, and must not make a save look due. */
  skip(ms: number): void {
    this.lastSaveEndedAt += ms;
  }

  get savedCount(): number {
    return this.saves;
  }

  get savingMs(): number {
    return this.totalSaveMs;
  }
}
