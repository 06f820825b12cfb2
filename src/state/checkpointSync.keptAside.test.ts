// The checkpoint of a run kept aside at start-up (its record is damaged, not shown) is not an orphan: the user
// may import the record again once it is repaired (issue 19). Checkpoints of deleted runs still go.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../checkpoint/checkpoint';
import { openCheckpointStore } from '../checkpoint/checkpointStore';
import { PRESETS } from '../config';
import { startCheckpointSync } from './checkpointSync';
import { Store } from './store';

const config = PRESETS[0].config;

function checkpointOf(runId: string, iteration: number): Checkpoint {
  return {
    runId, iteration, savedAt: 0, config, trainImages: 2, warmingUp: false, rngState: [1, 2, 3, 4], order: Int32Array.of(1, 0),
    tensors: [{ name: 'w', shape: [2], values: Float32Array.of(1, 2) }],
  };
}

describe('checkpoint sync: runs kept aside', () => {
  it('keeps the checkpoint of a run kept aside, and deletes the one of a run that is gone', async () => {
    const checkpoints = (await openCheckpointStore(new IDBFactory()))!;
    await checkpoints.save(checkpointOf('aside', 60));
    await checkpoints.save(checkpointOf('deleted', 40));
    const store = new Store();
    store.dispatch({ type: 'historyRestored', runs: [] });
    await startCheckpointSync(store, checkpoints, Promise.resolve(true), Promise.resolve(new Set(['aside'])));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the deletes are not awaited
    expect((await checkpoints.list()).map((info) => info.runId)).toEqual(['aside']);
  });
});
