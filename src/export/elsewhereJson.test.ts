import { describe, expect, it } from 'vitest';
import { DEFAULT_CHART_VIEW } from '../components/ChartControls';
import type { Run } from '../state/appState';
import { isStoredRun, toStoredRun } from '../state/runHistory';
import { parseRunsJson, runsToJson } from './runsJson';
import { pytorchRun, TEST_ELSEWHERE, twoRuns } from './testRuns';

const withoutIds = (runs: Run[]) => runs.map(({ id: _id, importedFrom: _from, ...rest }) => rest);

// `any`: a parsed file, spoiled field by field in the tests below.
function exported(runs: Run[] = [pytorchRun(), ...twoRuns()]): { runs: Record<string, any>[] } & Record<string, unknown> {
  return JSON.parse(runsToJson(runs, DEFAULT_CHART_VIEW));
}

const parse = (document: unknown) => parseRunsJson(JSON.stringify(document), 'pytorch-runs.json');

/** A file as the PyTorch script writes it mid-training: the app's format, `backend` and `device` null, `elsewhere`
 *  set, no label, no diagnostics, the run still running. */
function scriptFile(): Record<string, unknown> {
  const { id, config, iterationsPerEpoch, totalIterations, lrDropIterations, train, test, createdAt, trainableParameters } = pytorchRun();
  return {
    format: 'residual-playground-runs',
    version: 1,
    runs: [
      {
        id,
        name: 'ResNet-56 (option A)',
        label: null,
        network: 'ResNet-56 (option A)',
        config,
        seed: config.seed,
        backend: null,
        device: null,
        state: 'running',
        message: null,
        createdAt,
        trainableParameters,
        iterationsPerEpoch,
        totalIterations,
        lrDropIterations,
        train,
        test,
        elsewhere: TEST_ELSEWHERE,
      },
    ],
  };
}

describe('JSON export of a run trained elsewhere', () => {
  it('writes where it trained, named by its displayed name, with no browser backend; browser runs get null', () => {
    const [pytorch, labelled, plain] = exported().runs;
    expect(pytorch).toMatchObject({ name: 'ResNet-56 (option A) · PyTorch', label: null, network: 'ResNet-56 (option A)', backend: null, device: null });
    expect(pytorch.elsewhere).toEqual(TEST_ELSEWHERE);
    expect(Object.keys(pytorch.elsewhere)).toEqual(['framework', 'device', 'processes', 'precision', 'wallSeconds', 'script']);
    expect([labelled.elsewhere, plain.elsewhere]).toEqual([null, null]);
  });

  it('round-trips: export then import gives the same runs, where they trained included, and the history keeps them', () => {
    const originals = [pytorchRun(), ...twoRuns()];
    const { runs, problems } = parseRunsJson(runsToJson(originals, DEFAULT_CHART_VIEW), 'export.json');
    expect(problems).toEqual([]);
    expect(withoutIds(runs)).toEqual(withoutIds(originals));
    expect(runs[1]).not.toHaveProperty('elsewhere');
    for (const run of runs) expect(isStoredRun(toStoredRun(run, 0))).toBe(true);
    // Exported again, the file still says where the run trained.
    expect(JSON.parse(runsToJson(runs, DEFAULT_CHART_VIEW)).runs[0].elsewhere).toEqual(TEST_ELSEWHERE);
  });
});

describe('JSON import of the PyTorch script\'s file', () => {
  it('imports its run with where it trained, stopped where the file was written, and named as the network', () => {
    const { runs, problems } = parse(scriptFile());
    expect(problems).toEqual([]);
    const [run] = runs;
    expect(run.elsewhere).toEqual(TEST_ELSEWHERE);
    expect(run).not.toHaveProperty('backend');
    expect(run).not.toHaveProperty('label');
    expect(run).toMatchObject({ state: 'stopped', importedFrom: 'pytorch-runs.json' });
    expect(run.message).toMatch(/was running when it was exported/);
    expect(isStoredRun(toStoredRun(run, 0))).toBe(true);
  });

  it('does not take the displayed name for a label in a file that has no label field', () => {
    const document = exported();
    delete document.runs[0].label;
    expect(parse(document).runs[0]).not.toHaveProperty('label');
    document.runs[0].name = 'my H200 run';
    expect(parse(document).runs[0].label).toBe('my H200 run');
  });

  it('imports a browser run (elsewhere absent or null) without one', () => {
    const document = exported(twoRuns());
    delete document.runs[0].elsewhere;
    const { runs, problems } = parse(document);
    expect(problems).toEqual([]);
    for (const run of runs) expect(run).not.toHaveProperty('elsewhere');
  });

  it('keeps a run whose record is damaged, without the record, and says why', () => {
    const cases: [string, (document: Record<string, any>) => void, RegExp][] = [
      ['text', (run) => (run.elsewhere = 'PyTorch'), /it is not a set of fields/],
      ['a list', (run) => (run.elsewhere = [TEST_ELSEWHERE]), /it is not a set of fields/],
      ['no framework', (run) => delete run.elsewhere.framework, /its framework is not a text of 1 to 200 characters/],
      ['an empty device', (run) => (run.elsewhere.device = ''), /its device is not a text/],
      ['a device too long', (run) => (run.elsewhere.device = 'H200 '.repeat(50)), /its device is not a text of 1 to 200/],
      ['precision as a number', (run) => (run.elsewhere.precision = 32), /its precision/],
      ['no script', (run) => (run.elsewhere.script = null), /its script/],
      ['0 processes', (run) => (run.elsewhere.processes = 0), /its processes is not a whole number from 1 to 1,000,000/],
      ['half a process', (run) => (run.elsewhere.processes = 1.5), /its processes/],
      ['negative wall time', (run) => (run.elsewhere.wallSeconds = -3), /its wallSeconds is not a number of seconds from 0 to 1,000,000,000/],
      ['a wall time of 1e400 (Infinity once parsed)', (run) => (run.elsewhere.wallSeconds = Infinity), /its wallSeconds/],
      ['a wall time as text', (run) => (run.elsewhere.wallSeconds = '1234'), /its wallSeconds/],
    ];
    for (const [what, spoil, reason] of cases) {
      const document = exported();
      spoil(document.runs[0]);
      const { runs, problems } = parse(document);
      expect(runs, what).toHaveLength(3);
      expect(runs[0], what).not.toHaveProperty('elsewhere');
      expect(runs[0].train, what).toEqual(pytorchRun().train);
      expect(problems, what).toHaveLength(1);
      expect(problems[0], what).toMatch(/^Run 1 “ResNet-56 \(option A\) · PyTorch”: the record of where it trained was damaged and left out \(.*\)\.$/);
      expect(problems[0], what).toMatch(reason);
      for (const run of runs) expect(isStoredRun(toStoredRun(run, 0)), what).toBe(true);
    }
  });

  it('reads only the format\'s fields of the record: no "__proto__" or other key of the file\'s making', () => {
    const text = runsToJson([pytorchRun()], DEFAULT_CHART_VIEW).replace('{"framework":"PyTorch 2.4.1"', '{"__proto__":{"polluted":true},"token":"secret","framework":"PyTorch 2.4.1"');
    expect(text).toContain('"token":"secret"');
    const { runs, problems } = parseRunsJson(text, 'runs.json');
    expect(problems).toEqual([]);
    expect(runs[0].elsewhere).toEqual(TEST_ELSEWHERE);
    expect(Object.keys(runs[0].elsewhere!)).toEqual(['framework', 'device', 'processes', 'precision', 'wallSeconds', 'script']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
