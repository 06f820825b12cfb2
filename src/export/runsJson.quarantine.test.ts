// What the app exports, it imports (issue 19): the runs kept aside, downloaded from the history's notice, are a
// file Import JSON recognises; it says per run what is wrong, so a user who fixes that line can import it.
import { describe, expect, it } from 'vitest';
import { toStoredRun } from '../state/runHistory';
import { quarantineJson } from './quarantineFile';
import { parseRunsJson } from './runsJson';
import { twoRuns } from './testRuns';

/** The two test runs as the history stored them, the first diverged with a NaN test loss at its end (what an
 *  older version stored), the second with a NaN training loss before finite points (damage). */
function keptAside() {
  const [plain, residual] = twoRuns();
  const diverged = { ...toStoredRun({ ...plain, state: 'failed', message: 'Diverged at iteration 400.' }, 0), test: [...plain.test, { iteration: 400, epoch: 400 / 390, testError: 90, testLoss: Number.NaN }] };
  const damaged = { ...toStoredRun(residual, 1), train: [{ ...residual.train[0], trainLoss: Number.NaN }, residual.train[1]] };
  return { plain, residual, diverged, damaged };
}

describe('importing the runs kept aside', () => {
  it('recognises the download and says per run what is wrong, in the words of the load check', () => {
    const { diverged, damaged } = keptAside();
    const text = quarantineJson([diverged, damaged]);
    expect(() => parseRunsJson(text, 'residual-playground-damaged-runs.json')).not.toThrow();
    const { runs, problems } = parseRunsJson(text, 'residual-playground-damaged-runs.json');
    expect(runs).toEqual([]);
    expect(problems).toEqual([
      'Run 1 “plain-56, "deep" <try> second line” was skipped: test point 2 has no finite loss (a run that diverged stops before such a point).',
      'Run 2 “ResNet-20 (option A)” was skipped: training point 1 has no finite loss (a run that diverged stops before such a point).',
    ]);
  });

  it('imports a record once the line named is fixed: curves, settings, state, backend and diagnostics as stored', () => {
    const { plain, residual, diverged, damaged } = keptAside();
    const document = JSON.parse(quarantineJson([diverged, damaged]));
    document.records[0].test.pop(); // the user deletes "test point 2"
    document.records[1].train.shift(); // and "training point 1"
    const { runs, problems } = parseRunsJson(JSON.stringify(document), 'fixed.json');
    expect(problems).toEqual([]);
    expect(runs).toHaveLength(2);
    const [first, second] = runs;
    expect(first).toMatchObject({ config: plain.config, state: 'failed', message: 'Diverged at iteration 400.', label: plain.label, backend: plain.backend, train: plain.train, test: plain.test, importedFrom: 'fixed.json' });
    expect(first.diagnostics).toEqual(plain.diagnostics);
    expect(second).toMatchObject({ config: residual.config, state: 'stopped', backend: residual.backend, train: residual.train.slice(1), test: residual.test });
  });

  it('says why when the download holds no records (they could not be written as JSON)', () => {
    const text = JSON.stringify({ format: 'residual-playground-quarantine', error: 'The records could not be written as JSON: TypeError: cyclic object value' });
    expect(() => parseRunsJson(text, 'damaged.json')).toThrow(/“damaged\.json” holds no runs kept aside: The records could not be written as JSON: TypeError: cyclic object value/);
    expect(() => parseRunsJson(JSON.stringify({ format: 'residual-playground-quarantine', records: [] }), 'empty.json')).toThrow(/“empty\.json” holds no runs kept aside/);
  });

  it('names a record that is not a run at all, and still imports the others', () => {
    const { plain } = keptAside();
    const { runs, problems } = parseRunsJson(quarantineJson([null, { id: 'x', train: 'soon' }, toStoredRun(plain, 0)]), 'mixed.json');
    expect(runs).toHaveLength(1);
    expect(problems).toEqual(['Run 1 was skipped: it is not a run.', 'Run 2 was skipped: it has no settings (config).']);
  });
});
