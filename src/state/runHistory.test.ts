import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import { TEST_ELSEWHERE, testDiagnostics } from '../export/testRuns';
import type { Run } from './appState';
import { interruptionMessage, openRunHistory, restoredRun, StorageTimeout, toStoredRun } from './runHistory';
import { freshHistory, putRaw } from './testing/rawRunHistory';

const config = PRESETS[0].config;

function makeRun(id: string, change: Partial<Run> = {}): Run {
  return {
    id,
    config,
    state: 'finished',
    createdAt: 1_700_000_000_000,
    train: [
      { iteration: 10, epoch: 0.5, trainError: 80, trainLoss: 2.1, learningRate: 0.1 },
      { iteration: 20, epoch: 1, trainError: 70, trainLoss: 1.8, learningRate: 0.1 },
    ],
    test: [{ iteration: 20, epoch: 1, testError: 72, testLoss: 1.9 }],
    ...change,
  };
}

describe('run history', () => {
  it('is unavailable without IndexedDB', async () => {
    expect(await openRunHistory(undefined)).toBeNull();
  });

  it('gives up on a storage that never answers, with a StorageTimeout, instead of waiting forever', async () => {
    // open() returns a request whose callbacks never fire, as in a browser whose storage hangs.
    const silent = { open: () => ({}) } as unknown as IDBFactory;
    const started = Date.now();
    await expect(openRunHistory(silent, 50)).rejects.toBeInstanceOf(StorageTimeout);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('is unavailable when IndexedDB refuses to open', async () => {
    const refusing = { open: () => { throw new DOMException('no storage here', 'SecurityError'); } } as unknown as IDBFactory;
    expect(await openRunHistory(refusing)).toBeNull();
  });

  it('keeps a run across a reload: config, curves, label, hidden, backend and createdAt', async () => {
    const { history, reopen } = await freshHistory();
    const run = makeRun('r1', {
      label: 'my run',
      hidden: true,
      backend: { name: 'webgpu', detail: 'google swiftshader' },
      createdAt: 1_700_000_123_456,
      trainableParameters: 269_722,
      iterationsPerEpoch: 20,
      totalIterations: 40,
      lrDropIterations: [20, 30],
      experimentId: 'e1',
    });
    await history.put(run);

    const { runs, skipped } = await (await reopen()).loadAll();
    expect(skipped).toBe(0);
    expect(runs).toEqual([run]);
  });

  it('does not store what only matters while the page is open', async () => {
    const { history, reopen } = await freshHistory();
    const live = { iteration: 20, epoch: 1, learningRate: 0.1, imagesPerSecond: 500, etaSeconds: 3, tensorsAlive: 90, gpuBytes: 1_000_000 };
    await history.put(makeRun('r1', { live, evaluatingImages: 10_000 }));

    const [restored] = (await (await reopen()).loadAll()).runs;
    expect(restored).not.toHaveProperty('live');
    expect(restored).not.toHaveProperty('evaluatingImages');
  });

  it('brings back a run that was training as stopped, with all of its points', async () => {
    const { history, reopen } = await freshHistory();
    const running = makeRun('r1', { state: 'running' });
    await history.put(running);

    const [restored] = (await (await reopen()).loadAll()).runs;
    expect(restored.state).toBe('stopped');
    expect(restored.message).toBe('Interrupted at iteration 20: the page was reloaded or closed while it trained.');
    expect(restored.train).toEqual(running.train);
    expect(restored.test).toEqual(running.test);
  });

  it('returns runs oldest first, and runs queued together in the order they were saved', async () => {
    const { history, reopen } = await freshHistory();
    // Twelve runs of one experiment share createdAt; ids that sort differently as text must not reorder them.
    const together = Array.from({ length: 12 }, (_, i) => makeRun(`run-x-${i + 1}`, { createdAt: 2000, state: 'queued' }));
    const older = makeRun('run-z', { createdAt: 1000 });
    for (const run of together) await history.put(run);
    await history.put(older);
    // Rewriting a run keeps its place.
    await history.put({ ...together[0], label: 'renamed' });

    const ids = (await (await reopen()).loadAll()).runs.map((run) => run.id);
    expect(ids).toEqual(['run-z', ...together.map((run) => run.id)]);
  });

  it('deletes a run', async () => {
    const { history, reopen } = await freshHistory();
    await history.put(makeRun('r1'));
    await history.put(makeRun('r2'));
    await history.delete('r1');

    expect((await (await reopen()).loadAll()).runs.map((run) => run.id)).toEqual(['r2']);
  });

  it('skips and counts records it cannot read, and keeps the rest', async () => {
    const { factory, history } = await freshHistory();
    const good = toStoredRun(makeRun('good'), 0);
    const { config: _config, ...withoutConfig } = toStoredRun(makeRun('no-config'), 1);
    await putRaw(factory, [
      good,
      withoutConfig,
      { ...toStoredRun(makeRun('no-train'), 2), train: undefined },
      { ...toStoredRun(makeRun('nan-point'), 3), test: [{ iteration: 1, epoch: 1, testError: NaN, testLoss: 1 }] },
      { ...toStoredRun(makeRun('bad-config'), 4), config: { ...config, learningRate: Infinity } },
      { ...toStoredRun(makeRun('bad-state'), 5), state: 'exploded' },
      { ...toStoredRun(makeRun('future'), 6), schemaVersion: 2 },
      { id: 'not-a-run' },
      // Imported before imports were bounded: drawn, this point blanked the page on every load (runCurves.ts).
      { ...toStoredRun(makeRun('iteration-1e12'), 7), train: [{ iteration: 1e12, epoch: 1, trainError: 50, trainLoss: 1, learningRate: 0.1 }] },
      { ...toStoredRun(makeRun('lr-drop-1e12'), 8), lrDropIterations: [1e12] },
      // Longer than any import or rename can make it (runFieldBounds.ts).
      { ...toStoredRun(makeRun('label-1e6'), 9), label: 'x'.repeat(1e6) },
    ]);

    const { runs, skipped } = await history.loadAll();
    expect(runs.map((run) => run.id)).toEqual(['good']);
    expect(skipped).toBe(10);
  });

  it('moves damaged records aside (kept to download or discard, never shown); a newer version\'s records stay', async () => {
    const { factory, history, reopen } = await freshHistory();
    const damaged = { ...toStoredRun(makeRun('nan-point'), 1), test: [{ iteration: 1, epoch: 1, testError: NaN, testLoss: 1 }] };
    const newer = { ...toStoredRun(makeRun('future'), 2), schemaVersion: 99 };
    await putRaw(factory, [toStoredRun(makeRun('good'), 0), damaged, newer, { id: 'junk', train: 'junk' }]);
    expect((await history.loadAll()).skipped).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the move is not awaited by the page
    const again = await reopen();
    const kept = await again.quarantined();
    expect(kept).toHaveLength(2);
    expect(kept).toContainEqual(damaged);
    expect(kept).toContainEqual({ id: 'junk', train: 'junk' });
    // Only the newer version's record is still skipped at the next start-up; the damaged ones are aside.
    expect(await again.loadAll()).toMatchObject({ skipped: 1 });
    await again.discardQuarantined();
    expect(await again.quarantined()).toEqual([]);
  });
});

describe('run history: diagnostics', () => {
  it('keeps a run\'s diagnostics across a reload, its predictions as byte arrays', async () => {
    const { history, reopen } = await freshHistory();
    const run = makeRun('r1', { diagnostics: testDiagnostics([10, 20], [20]) });
    await history.put(run);
    const { runs, skipped, diagnosticsDropped } = await (await reopen()).loadAll();
    expect([skipped, diagnosticsDropped]).toEqual([0, 0]);
    expect(runs).toEqual([run]);
    expect(runs[0].diagnostics?.predictions?.labels).toBeInstanceOf(Uint8Array);
  });

  it('restores a run whose only damage is its diagnostics without them, keeps the record aside, and stores the run repaired', async () => {
    const { factory, history, reopen } = await freshHistory();
    const sound = makeRun('sound', { diagnostics: testDiagnostics([10, 20], [20]) });
    const damagedRecords = [
      { ...toStoredRun(makeRun('nan-norm'), 1), diagnostics: { ...testDiagnostics([10]), training: [{ iteration: 10, gradientNorms: [NaN, 0, 0, 0, 0], responseStds: [0, 0] }] } },
      { ...toStoredRun(makeRun('out-of-order'), 2), diagnostics: testDiagnostics([20, 10]) },
      { ...toStoredRun(makeRun('not-bytes'), 3), diagnostics: { ...testDiagnostics([10], [20]), predictions: { ...testDiagnostics([10], [20]).predictions, labels: [3, 5, 1, 9] } } },
      { ...toStoredRun(makeRun('junk'), 4), diagnostics: 'junk' },
    ];
    // Damaged diagnostics AND damaged curves: the run is damaged, not only its diagnostics.
    const alsoDamaged = { ...damagedRecords[0], id: 'both', sequence: 5, train: 'junk' };
    await putRaw(factory, [toStoredRun(sound, 0), ...damagedRecords, alsoDamaged]);

    const { runs, skipped, diagnosticsDropped } = await history.loadAll();
    expect(runs.map((run) => run.id)).toEqual(['sound', 'nan-norm', 'out-of-order', 'not-bytes', 'junk']);
    expect(runs[0]).toEqual(sound);
    for (const run of runs.slice(1)) expect(run).toEqual(makeRun(run.id));
    expect([skipped, diagnosticsDropped]).toEqual([1, 4]);

    await new Promise((resolve) => setTimeout(resolve, 20)); // set aside in the background, as the quarantine is
    const again = await reopen();
    // The records as they were are kept to download; the runs are stored without their diagnostics, so the
    // next start-up neither reports them again nor loses them.
    const kept = await again.quarantined();
    expect(kept).toHaveLength(5);
    for (const record of [...damagedRecords, alsoDamaged]) expect(kept).toContainEqual(record);
    const next = await again.loadAll();
    expect(next).toMatchObject({ skipped: 0, diagnosticsDropped: 0 });
    expect(next.runs.map((run) => run.id)).toEqual(['sound', 'nan-norm', 'out-of-order', 'not-bytes', 'junk']);
  });
});

describe('restoredRun', () => {
  it.each(['starting', 'running', 'paused'] as const)('stops a run that was %s when the page went away', (state) => {
    const restored = restoredRun(toStoredRun(makeRun('r1', { state }), 0));
    expect(restored).toMatchObject({ state: 'stopped', message: interruptionMessage(20) });
  });

  it('says iteration 0 for a run interrupted before its first point', () => {
    const restored = restoredRun(toStoredRun(makeRun('r1', { state: 'starting', train: [], test: [] }), 0));
    expect(restored.message).toBe('Interrupted at iteration 0: the page was reloaded or closed while it trained.');
  });

  it.each(['queued', 'finished', 'stopped', 'failed'] as const)('keeps a %s run as it was', (state) => {
    const run = makeRun('r1', { state, message: state === 'failed' ? 'Training diverged.' : undefined });
    expect(restoredRun(toStoredRun(run, 0))).toEqual(run);
  });
});

describe('run history: runs trained elsewhere', () => {
  it('keeps where a run trained outside this browser across a reload', async () => {
    const { history, reopen } = await freshHistory();
    const run = makeRun('torch', { importedFrom: 'pytorch.json', elsewhere: TEST_ELSEWHERE });
    await history.put(run);
    const { runs, skipped, elsewhereDropped } = await (await reopen()).loadAll();
    expect([skipped, elsewhereDropped]).toEqual([0, 0]);
    expect(runs).toEqual([run]);
  });

  it('restores a run whose only damage is that record without it, keeping its sound diagnostics, and stores it repaired', async () => {
    const { factory, history, reopen } = await freshHistory();
    const imported = { importedFrom: 'pytorch.json' };
    const damagedRecords = [
      { ...toStoredRun(makeRun('no-processes', imported), 0), elsewhere: { ...TEST_ELSEWHERE, processes: 0 } },
      { ...toStoredRun(makeRun('with-diagnostics', { ...imported, diagnostics: testDiagnostics([10, 20], [20]) }), 1), elsewhere: { ...TEST_ELSEWHERE, wallSeconds: Infinity } },
      { ...toStoredRun(makeRun('both-damaged', imported), 2), elsewhere: 'PyTorch', diagnostics: 'junk' },
    ];
    await putRaw(factory, damagedRecords);

    const { runs, skipped, diagnosticsDropped, elsewhereDropped } = await history.loadAll();
    expect(runs).toEqual([
      makeRun('no-processes', imported),
      makeRun('with-diagnostics', { ...imported, diagnostics: testDiagnostics([10, 20], [20]) }),
      makeRun('both-damaged', imported),
    ]);
    expect([skipped, diagnosticsDropped, elsewhereDropped]).toEqual([0, 1, 3]);

    await new Promise((resolve) => setTimeout(resolve, 20)); // set aside in the background
    const again = await reopen();
    expect(await again.quarantined()).toHaveLength(3);
    const next = await again.loadAll();
    expect(next).toMatchObject({ skipped: 0, diagnosticsDropped: 0, elsewhereDropped: 0 });
    expect(next.runs.map((run) => run.id)).toEqual(['no-processes', 'with-diagnostics', 'both-damaged']);
  });
});
