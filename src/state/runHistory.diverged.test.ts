// A diverged run survives a reload (issue 19): the record an older version stored with a NaN test loss at its
// end comes back with its curves up to its last finite point (under its own id, so its checkpoint stays with
// it), nothing non-finite is written again, and a record damaged elsewhere is still kept aside, by id.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import { testDiagnostics } from '../export/testRuns';
import type { Run } from './appState';
import { toStoredRun } from './runHistory';
import { freshHistory, putRaw } from './testing/rawRunHistory';

const config = PRESETS[0].config;
const DIVERGED = 'Diverged at iteration 30: a weight became NaN or infinite, so training stopped; nothing after it is plotted or saved. Its last good checkpoint (iteration 20) is kept.';

/** A run that diverged at iteration 30 as the app showed it (finite points only). */
function divergedRun(id: string, change: Partial<Run> = {}): Run {
  return {
    id,
    config,
    state: 'failed',
    message: DIVERGED,
    createdAt: 1_700_000_000_000,
    train: [
      { iteration: 10, epoch: 0.5, trainError: 80, trainLoss: 2.1, learningRate: 0.1 },
      { iteration: 20, epoch: 1, trainError: 70, trainLoss: 1.8, learningRate: 0.1 },
      { iteration: 30, epoch: 1.5, trainError: 75, trainLoss: 2.6, learningRate: 0.1 },
    ],
    test: [
      { iteration: 10, epoch: 0.5, testError: 85, testLoss: 2.2 },
      { iteration: 20, epoch: 1, testError: 72, testLoss: 1.9 },
    ],
    ...change,
  };
}

/** What an older version stored for it: the evaluation at 30, on the NaN weights, with its confusion matrix. */
function storedWithNanEnd(id: string, sequence: number) {
  const run = divergedRun(id, { diagnostics: testDiagnostics([10, 20, 30], [10, 20]) });
  const nanEvaluation = { iteration: 30, epoch: 1.5, testError: 90, testLoss: Number.NaN };
  const diagnostics = testDiagnostics([10, 20, 30], [10, 20, 30]);
  return { run, record: { ...toStoredRun(run, sequence), test: [...run.test, nanEvaluation], diagnostics: { ...diagnostics, predictions: { ...diagnostics.predictions!, iteration: 30 } } } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20)); // the quarantine moves in the background

describe('run history: a diverged run', () => {
  it('restores a record whose only damage is a non-finite point at its end up to its last finite point, under its id, and stores it so', async () => {
    const { factory, history, reopen } = await freshHistory();
    const { run, record } = storedWithNanEnd('diverged', 0);
    await putRaw(factory, [record]);
    const loaded = await history.loadAll();
    expect(loaded).toMatchObject({ skipped: 0, divergedEndDropped: 1 });
    // The evaluation on the NaN weights goes with its confusion matrix and predictions; the rest stays.
    const { predictions: _atThirty, ...kept } = testDiagnostics([10, 20, 30], [10, 20]);
    expect(loaded.runs).toEqual([{ ...run, diagnostics: kept }]);
    await settle();
    const again = await reopen();
    // Rewritten as restored: not reported again; nothing kept aside (a NaN is nothing to look into).
    const next = await again.loadAll();
    expect(next).toMatchObject({ skipped: 0, divergedEndDropped: 0 });
    expect(next.runs).toEqual(loaded.runs);
    expect(await again.quarantined()).toEqual([]);
  });

  it('never writes a non-finite point: a run handed to put with one is stored without it', async () => {
    const { history, reopen } = await freshHistory();
    const run = divergedRun('r1');
    await history.put({ ...run, test: [...run.test, { iteration: 30, epoch: 1.5, testError: 90, testLoss: Number.NaN }] });
    await history.put({ ...divergedRun('r2'), train: [run.train[0], { ...run.train[1], trainLoss: Infinity }, run.train[2]] });
    const { runs, skipped } = await (await reopen()).loadAll();
    expect(skipped).toBe(0);
    expect(runs).toEqual([run, { ...divergedRun('r2'), train: [run.train[0], run.train[2]] }]);
  });

  it('keeps aside a record with a non-finite point before finite ones (not a divergence), and names the runs kept aside', async () => {
    const { factory, history, reopen } = await freshHistory();
    const run = divergedRun('middle');
    const damaged = { ...toStoredRun(run, 0), test: [{ ...run.test[0], testLoss: Number.NaN }, run.test[1]] };
    await putRaw(factory, [damaged, toStoredRun(divergedRun('fine'), 1)]);
    const loaded = await history.loadAll();
    expect(loaded).toMatchObject({ skipped: 1, divergedEndDropped: 0, keptAside: ['middle'] });
    expect(loaded.runs.map((r) => r.id)).toEqual(['fine']);
    await settle();
    // At the next start-up it is no longer skipped, but still kept aside: its checkpoint is not an orphan.
    const next = await (await reopen()).loadAll();
    expect(next).toMatchObject({ skipped: 0, keptAside: ['middle'] });
  });
});
