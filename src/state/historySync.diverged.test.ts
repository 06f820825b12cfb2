// A diverged run survives a reload (issue 19): restored from a record an older version stored with a NaN test
// loss at its end, with a notice that says what was left out, and never "could not be read"; the runs kept
// aside are named, so their checkpoints are not deleted as orphans.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import type { Run } from './appState';
import { startHistorySync } from './historySync';
import { openRunHistory, toStoredRun } from './runHistory';
import { Store } from './store';
import { putRaw } from './testing/rawRunHistory';

const config = PRESETS[0].config;

const diverged: Run = {
  id: 'diverged',
  config,
  state: 'failed',
  message: 'Diverged at iteration 20: a weight became NaN or infinite, so training stopped; nothing after it is plotted or saved.',
  createdAt: 1,
  train: [
    { iteration: 10, epoch: 0.5, trainError: 80, trainLoss: 2.1, learningRate: 0.1 },
    { iteration: 20, epoch: 1, trainError: 70, trainLoss: 1.8, learningRate: 0.1 },
  ],
  test: [{ iteration: 10, epoch: 0.5, testError: 85, testLoss: 2.2 }],
};

describe('startHistorySync: a diverged run', () => {
  it('restores a run stored with a NaN test loss at its end, with its curves up to its last finite point and a notice saying so', async () => {
    const factory = new IDBFactory();
    await openRunHistory(factory); // creates the database
    const nanEnd = { iteration: 20, epoch: 1, testError: 90, testLoss: Number.NaN };
    const junk = { ...toStoredRun({ ...diverged, id: 'junk' }, 1), test: [{ ...diverged.test[0], testLoss: Number.NaN }, nanEnd] };
    await putRaw(factory, [{ ...toStoredRun(diverged, 0), test: [...diverged.test, nanEnd] }, junk]);

    const store = new Store();
    const handle = await startHistorySync(store, await openRunHistory(factory));
    expect(store.getState().runs).toEqual([diverged]);
    const messages = store.getState().notices.map((notice) => notice.message);
    expect(messages).toContain(
      '1 saved run ended in a point that is not finite (it diverged there, and an older version of this app stored that point): the point was left out, and the run is kept with its curves up to its last finite point.',
    );
    // The other record has a NaN before a finite point: damage, not a divergence. Kept aside, and named.
    expect(messages.filter((message) => message.includes('could not be read'))).toHaveLength(1);
    expect([...handle.keptAside]).toEqual(['junk']);
    handle.stop();
  });
});
