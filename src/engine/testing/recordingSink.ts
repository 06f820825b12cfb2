// A checkpoint sink for tests: keeps every checkpoint the trainer saves, by iteration.
import { checkpointBytes, type Checkpoint, type CheckpointInfo } from '../../checkpoint/checkpoint';
import type { CheckpointSink } from '../trainer';

export class RecordingSink implements CheckpointSink {
  readonly saved = new Map<number, Checkpoint>();
  readonly deleted: string[] = [];

  /** failWith: every save rejects with it (a full disk). */
  constructor(private readonly failWith?: Error) {}

  async save(checkpoint: Checkpoint): Promise<CheckpointInfo> {
    if (this.failWith) throw this.failWith;
    this.saved.set(checkpoint.iteration, checkpoint);
    return { runId: checkpoint.runId, iteration: checkpoint.iteration, bytes: checkpointBytes(checkpoint), savedAt: checkpoint.savedAt };
  }

  async delete(runId: string): Promise<void> {
    this.deleted.push(runId);
  }

  newest(): Checkpoint {
    return this.saved.get(Math.max(...this.saved.keys()))!;
  }
}
