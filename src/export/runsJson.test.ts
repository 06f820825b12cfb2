import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { DEFAULT_CHART_VIEW } from '../components/ChartControls';
import { debiasedEma } from '../components/smoothing';
import { referenceSetById } from '../reference/referenceCurves';
import type { Run } from '../state/appState';
import { EXPORT_FORMAT } from './exportFormat';
import { MAX_IMPORT_BYTES, MAX_IMPORT_POINTS, MAX_IMPORT_RUNS, parseRunsJson, runsToJson } from './runsJson';
import { isStoredRun, toStoredRun } from '../state/runHistory';
import { testDiagnostics, twoRuns } from './testRuns';

const smoothView = { ...DEFAULT_CHART_VIEW, smoothing: 0.6 };
const withoutIds = (runs: Run[]) => runs.map(({ id: _id, importedFrom: _from, ...rest }) => rest);

/** A valid export of the two runs, as a plain object to break on purpose. */
// `any`: a parsed file, spoiled field by field in the tests below.
function exported(): { runs: Record<string, any>[] } & Record<string, unknown> {
  return JSON.parse(runsToJson(twoRuns(), smoothView));
}

function parse(document: unknown) {
  return parseRunsJson(JSON.stringify(document), 'runs.json');
}

describe('JSON export', () => {
  it('records the chart settings and every point, with the smoothed training error when smoothing is on', () => {
    const reference = referenceSetById('pytorch-15');
    const document = JSON.parse(runsToJson(twoRuns(), { ...smoothView, unit: 'epoch', logScale: true }, reference, new Date(Date.UTC(2026, 10, 27))));
    expect(document.format).toBe(EXPORT_FORMAT);
    expect(document.version).toBe(1);
    expect(document.exportedAt).toBe('2026-11-27T00:00:00.000Z');
    expect(document.chart).toEqual({ unit: 'epoch', smoothing: 0.6, logScale: true, reference: 'pytorch-15' });
    const [plain, residual] = document.runs;
    expect(plain).toMatchObject({
      id: 'run-a',
      name: 'plain-56, "deep" <try>\nsecond line',
      network: 'plain-56',
      seed: 3,
      backend: 'webgpu',
      device: 'google swiftshader',
      state: 'finished',
      trainableParameters: 853_018,
    });
    expect(plain.config).toEqual(twoRuns()[0].config);
    expect(plain.train).toHaveLength(3);
    expect(plain.train.map((p: { trainErrorSmoothed: number }) => p.trainErrorSmoothed)).toEqual(debiasedEma([90, 80.5, 70.25], 0.6));
    expect(residual.name).toBe('ResNet-20 (option A)');
    expect(residual.label).toBeNull();
    expect(residual.train[1].trainLoss).toBe(2.05);
    expect(residual.test).toHaveLength(2);
  });

  it('has no smoothed values when smoothing is off, and no reference when none is shown', () => {
    const document = JSON.parse(runsToJson(twoRuns(), DEFAULT_CHART_VIEW));
    expect(document.chart.reference).toBeNull();
    expect(document.runs[0].train[0]).not.toHaveProperty('trainErrorSmoothed');
  });

  it('keeps each point on one line, so long runs stay small', () => {
    const text = runsToJson(twoRuns(), DEFAULT_CHART_VIEW);
    expect(text).toContain('{"iteration":10,"epoch":0.02564102564102564,"trainError":90,"trainLoss":2.3,"learningRate":0.1}');
  });
});

describe('JSON import', () => {
  it('round-trips two runs: equal except fresh ids and where they came from', () => {
    const originals = twoRuns();
    const { runs, problems } = parseRunsJson(runsToJson(originals, smoothView), 'export.json');
    expect(problems).toEqual([]);
    expect(withoutIds(runs)).toEqual(withoutIds(originals));
    runs.forEach((run, i) => {
      expect(run.id).not.toBe(originals[i].id);
      expect(run.id).toMatch(/^run-/);
      expect(run.importedFrom).toBe('export.json');
      expect(run).not.toHaveProperty('hidden');
    });
    // Fresh ids every time: importing the same file twice gives distinct runs.
    const again = parseRunsJson(runsToJson(originals, smoothView), 'export.json').runs;
    expect(new Set([...runs, ...again].map((run) => run.id)).size).toBe(4);
  });

  it('refuses files that are not an export of this app, in words', () => {
    expect(() => parseRunsJson('', 'a.json')).toThrow(/not a JSON file/);
    expect(() => parseRunsJson('\u0000\u0001garbage{', 'a.json')).toThrow(/not a JSON file/);
    expect(() => parseRunsJson('[1, 2, 3]', 'a.json')).toThrow(/not a run export of this app/);
    expect(() => parse({ format: 'something-else', version: 1, runs: [] })).toThrow(/not a run export of this app/);
    expect(() => parse({ ...exported(), version: 2 })).toThrow(/newer version of this app/);
    expect(() => parse({ ...exported(), version: '1' })).toThrow(/no valid format version/);
    expect(() => parse({ ...exported(), runs: [] })).toThrow(/contains no runs/);
    expect(() => parse({ ...exported(), runs: 'many' })).toThrow(/no list of runs/);
  });

  it('caps the size of the text and the numbers of runs and points', () => {
    expect(() => parseRunsJson(' '.repeat(MAX_IMPORT_BYTES + 1), 'big.json')).toThrow(/too large/);
    const document = exported();
    expect(() => parse({ ...document, runs: Array.from({ length: MAX_IMPORT_RUNS + 1 }, () => document.runs[0]) })).toThrow(/at most 500/);
    // Counted before any point is read: a list of 2,000,001 zeros is refused as fast as it is recognised.
    const huge = { ...document.runs[0], train: new Array(MAX_IMPORT_POINTS).fill(0), test: [0] };
    expect(() => parse({ ...document, runs: [huge] })).toThrow(/2,000,001 points/);
  });

  it('skips a run with bad numbers, naming it, and keeps the others', () => {
    const cases: [string, (run: Record<string, any>) => void, RegExp][] = [
      ['error above 100%', (run) => (run.train[1].trainError = 101), /training point 2 has an error outside 0–100%/],
      ['negative error', (run) => (run.test[0].testError = -1), /test point 1 has an error outside 0–100%/],
      ['NaN error (written as null)', (run) => (run.train[0].trainError = null), /error outside/],
      ['text instead of a number', (run) => (run.train[0].trainError = '50'), /error outside/],
      ['fractional iteration', (run) => (run.train[0].iteration = 1.5), /no valid iteration/],
      ['negative iteration', (run) => (run.test[0].iteration = -390), /no valid iteration/],
      ['points not a list', (run) => (run.train = { length: 3 }), /not a list/],
      ['a point that is not an object', (run) => (run.test[0] = 7), /not a point/],
      ['no learning rate', (run) => delete run.train[0].learningRate, /no valid learning rate/],
      // What the run history would drop at the next reload is refused here (runCurves.ts).
      ['a NaN loss (written as null)', (run) => (run.train[1].trainLoss = null), /training point 2 has no finite loss/],
      ['iteration 1e12, past the run', (run) => (run.train[2].iteration = 1e12), /training point 3 is at iteration 1,000,000,000,000, past the 5,850/],
      ['epoch 1e12', (run) => (run.test[0].epoch = 1e12), /test point 1 has no valid epoch/],
    ];
    for (const [what, spoil, message] of cases) {
      const document = exported();
      spoil(document.runs[0]);
      const { runs, problems } = parse(document);
      expect(runs.map((run) => run.config.seed), what).toEqual([4]);
      expect(problems, what).toHaveLength(1);
      expect(problems[0], what).toMatch(/^Run 1 “plain-56, "deep" <try> second line” was skipped: /);
      expect(problems[0], what).toMatch(message);
    }
  });

  it('refuses a run whose settings do not say which network it is, instead of drawing it as the default ResNet-20', () => {
    for (const missing of ['depth', 'blockType']) {
      const document = exported();
      delete document.runs[0].config.model[missing];
      const { runs, problems } = parse(document);
      expect(runs.map((run) => run.config.seed)).toEqual([4]);
      expect(problems.join()).toMatch(new RegExp(`Run 1 .* was skipped: its settings do not say which network it is \\(no config.model.${missing}\\)`));
    }
  });

  it('skips a run whose settings are invalid (depth 57), naming it, and imports the other', () => {
    const document = exported();
    document.runs[0].config = { ...(document.runs[0].config as object), model: { ...DEFAULT_CONFIG.model, depth: 57 } };
    const { runs, problems } = parse(document);
    expect(runs).toHaveLength(1);
    expect(runs[0].config.seed).toBe(4);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Run 1 .* was skipped: its settings are invalid: Depth 57 is not a valid basic network/);
  });

  it('skips runs whose settings are missing or of the wrong kind', () => {
    const document = exported();
    const config = document.runs[1].config as Record<string, unknown>;
    document.runs[1].config = { ...config, augment: 'yes', batchSize: null };
    document.runs[0].config = 'ResNet-20';
    const { runs, problems } = parse(document);
    expect(runs).toEqual([]);
    expect(problems[0]).toMatch(/Run 1 .* skipped: it has no settings/);
    expect(problems[1]).toMatch(/Run 2 “ResNet-20 \(option A\)” was skipped: its settings are malformed: config.augment is a string, not a boolean/);
  });

  it('fills settings an older export did not have with the defaults, names them, and drops unknown ones', () => {
    const document = exported();
    const config: Record<string, unknown> = { ...document.runs[1].config, futureSetting: 1 };
    // An export from before these settings existed.
    delete config.schedule;
    delete config.validationSplit;
    delete config.warmup;
    document.runs[1].config = config;
    // JSON.parse makes "__proto__" an own field; copying it carelessly would set the config's prototype.
    const text = JSON.stringify(document).replace('"futureSetting"', '"__proto__":{"polluted":true},"futureSetting"');
    const { runs, problems } = parseRunsJson(text, 'old.json');
    expect(problems).toEqual([
      'Run 2 “ResNet-20 (option A)”: the file does not give config.validationSplit = false, config.warmup = false, config.schedule = "quick"; those defaults are used.',
    ]);
    expect(runs[1].config).toEqual(twoRuns()[1].config);
    expect(runs[1].config).not.toHaveProperty('futureSetting');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(runs[1].config)).toBe(Object.prototype);
  });

  it('never imports a run as training or queued: it becomes stopped, with a message', () => {
    const document = exported();
    document.runs[0].state = 'running';
    document.runs[1].state = 'queued';
    const { runs } = parse(document);
    expect(runs.map((run) => run.state)).toEqual(['stopped', 'stopped']);
    expect(runs[0].message).toMatch(/was running when it was exported/);
    expect(runs[1].message).toMatch(/was queued when it was exported/);
    document.runs[0].state = 'exploded';
    expect(parse(document).runs[0].state).toBe('stopped');
    document.runs[0].state = 'failed';
    document.runs[0].message = 'Out of memory.';
    expect(parse(document).runs[0]).toMatchObject({ state: 'failed', message: 'Out of memory.' });
  });

  it('sorts points by iteration, drops transient fields and unusable metadata', () => {
    const document = exported();
    const run = document.runs[0];
    run.train.reverse();
    Object.assign(run, { live: { iteration: 1 }, evaluatingImages: 10, hidden: true, id: 'run-a', createdAt: 'yesterday', backend: 'quantum', trainableParameters: -5 });
    const before = Date.now();
    const { runs, problems } = parse(document);
    const imported = runs[0];
    expect(imported.train.map((p) => p.iteration)).toEqual([10, 20, 30]);
    for (const key of ['live', 'evaluatingImages', 'hidden', 'backend', 'trainableParameters']) expect(imported).not.toHaveProperty(key);
    expect(imported.id).not.toBe('run-a');
    expect(imported.createdAt).toBeGreaterThanOrEqual(before);
    expect(problems).toEqual(['Run 1 “plain-56, "deep" <try> second line”: the backend it names is unknown, so it is left out.']);
  });

  it('names runs from `name` when a file has no label field, and shortens long text', () => {
    const document = exported();
    delete document.runs[0].label;
    document.runs[1].label = 'x'.repeat(10_000);
    const { runs } = parse(document);
    expect(runs[0].label).toBe('plain-56, "deep" <try>\nsecond line');
    expect(runs[1].label).toHaveLength(200);
    delete document.runs[0].label;
    document.runs[0].name = 'plain-56';
    expect(parse(document).runs[0]).not.toHaveProperty('label');
  });
});

describe('what an import accepts is what the run history keeps', () => {
  it('leaves out lr drops past the run (drawn as chart lines, a drop at 1e12 would stretch the axis)', () => {
    const document = exported();
    document.runs[0].lrDropIterations = [2_925, 1e12];
    const { runs, problems } = parse(document);
    expect(problems).toEqual([]);
    expect(runs[0].lrDropIterations).toBeUndefined();
    expect(runs[1].lrDropIterations).toEqual([2_925, 4_388]);
  });

  it('refuses a loss written as 1e400 (Infinity once parsed)', () => {
    const text = runsToJson(twoRuns(), DEFAULT_CHART_VIEW).replace('"trainLoss":2.05', '"trainLoss":1e400');
    expect(text).toContain('1e400');
    const { runs, problems } = parseRunsJson(text, 'runs.json');
    expect(runs).toHaveLength(1);
    expect(problems.join()).toMatch(/Run 2 .* training point 2 has no finite loss/);
  });

  it('every run an import accepts passes the check the history applies when the page loads', () => {
    const spoilers: ((run: Record<string, any>) => void)[] = [
      () => undefined,
      (run) => (run.train[0].trainLoss = null),
      (run) => (run.train[0].iteration = 1e12),
      (run) => (run.test[0].epoch = 1e300),
      (run) => (run.train[0].learningRate = -1),
      (run) => (run.config.model.depth = 6002),
      (run) => (run.lrDropIterations = [1e12]),
      (run) => (run.train = Array.from({ length: 5 }, (_, i) => ({ iteration: i * 1000, epoch: i, trainError: 50, trainLoss: 1, learningRate: 0.1 }))),
    ];
    for (const [index, spoil] of spoilers.entries()) {
      const document = exported();
      spoil(document.runs[0]);
      for (const run of parse(document).runs) expect(isStoredRun(toStoredRun(run, 0)), `spoiler ${index}`).toBe(true);
    }
  });

  // Found by the import fuzz test (src/fuzz/importFuzz.test.ts): "Choose plain or residual.." and "is a array".
  it('writes each reason as one sentence: one full stop, and "an" before a vowel', () => {
    const document = exported();
    document.runs[0].config.model.blockType = 'other';
    document.runs[1].config.model.width = [16];
    const { problems } = parse(document);
    expect(problems).toEqual([
      'Run 1 “plain-56, "deep" <try> second line” was skipped: its settings are invalid: Choose plain or residual.',
      'Run 2 “ResNet-20 (option A)” was skipped: its settings are malformed: config.model.width is an array, not a number.',
    ]);
  });
});

describe('JSON export and import: diagnostics', () => {
  it('writes every sample, evaluation and prediction, the byte arrays as number lists, each list on one line', () => {
    const text = runsToJson(twoRuns(), DEFAULT_CHART_VIEW);
    const [plain, residual] = JSON.parse(text).runs;
    const diagnostics = testDiagnostics();
    expect(plain.diagnostics).toEqual({
      layout: diagnostics.layout,
      training: diagnostics.training,
      evaluations: diagnostics.evaluations,
      predictions: {
        iteration: 390,
        evaluatedOn: 'test',
        top3Classes: [3, 5, 2, 3, 5, 6, 9, 1, 8, 9, 1, 0],
        top3Percent: [70, 20, 5, 40, 35, 10, 55, 44, 1, 100, 0, 0],
        labels: [3, 5, 1, 9],
      },
    });
    expect(residual.diagnostics).toBeNull();
    // Readable: a layer per line, a list per line (never a number per line).
    expect(text).toContain('{"name":"stage1/block0/conv1","kind":"conv","stage":1}');
    expect(text).toContain('"gradientNorms": [0.25,0.12345678901234568,1e-7,660000,0]');
    expect(text).toContain('"labels": [3,5,1,9]');
    expect(text.split('\n').filter((line) => /^\s*\d/.test(line))).toEqual([]);
  });

  it('writes a long run complete (never downsampled) and compact', () => {
    const iterations = Array.from({ length: 3_000 }, (_, i) => (i + 1) * 20);
    const [plain] = twoRuns();
    // The paper's 64k iterations: a sample every 20 up to 60,000.
    const long: Run = { ...plain, config: { ...plain.config, schedule: 'paper' }, diagnostics: testDiagnostics(iterations, [390, 780]) };
    const text = runsToJson([long], DEFAULT_CHART_VIEW);
    expect(JSON.parse(text).runs[0].diagnostics.training).toHaveLength(3_000);
    // About 5 lines per sample (its object, the iteration, two lists), not one per value.
    expect(text.split('\n').length).toBeLessThan(5 * 3_000 + 200);
    const { runs, problems } = parseRunsJson(text, 'long.json');
    expect(problems).toEqual([]);
    expect(runs[0].diagnostics).toEqual(long.diagnostics);
  });

  it('round-trips: export then import gives equal diagnostics, the predictions as byte arrays again', () => {
    const originals = twoRuns();
    const { runs, problems } = parseRunsJson(runsToJson(originals, smoothView), 'export.json');
    expect(problems).toEqual([]);
    expect(runs[0].diagnostics).toEqual(originals[0].diagnostics);
    const predictions = runs[0].diagnostics?.predictions;
    for (const list of [predictions?.labels, predictions?.top3Classes, predictions?.top3Percent]) expect(list).toBeInstanceOf(Uint8Array);
    expect(runs[1]).not.toHaveProperty('diagnostics');
    // And the run history keeps them across a reload.
    expect(isStoredRun(toStoredRun(runs[0], 0))).toBe(true);
  });

  it('imports an export made before diagnostics existed, and runs whose diagnostics are null or have no predictions', () => {
    const document = exported();
    delete document.runs[0].diagnostics;
    document.runs[1].diagnostics = null;
    expect(parse(document)).toMatchObject({ problems: [] });
    expect(parse(document).runs.every((run) => run.diagnostics === undefined)).toBe(true);
    const withoutPredictions = exported();
    withoutPredictions.runs[0].diagnostics.predictions = null;
    const { runs, problems } = parse(withoutPredictions);
    expect(problems).toEqual([]);
    expect(runs[0].diagnostics).toEqual({ ...testDiagnostics(), predictions: undefined });
    expect(runs[0].diagnostics).not.toHaveProperty('predictions');
  });

  it('imports a run with damaged diagnostics without them, and says so', () => {
    const cases: [string, (diagnostics: Record<string, any>) => void, RegExp][] = [
      ['not an object', (d) => Object.assign(d, { layout: 'x' }), /they have no layout of layers/],
      ['a NaN norm (written as null)', (d) => (d.training[1].gradientNorms[0] = null), /training sample 2 has a gradient norm that is not a finite number from 0/],
      ['a norm as text', (d) => (d.training[1].gradientNorms[0] = '0.5'), /training sample 2 has a gradient norm that is not a finite number/],
      ['a sample too short', (d) => d.training[0].responseStds.pop(), /training sample 1 does not have 2 response stds/],
      ['samples out of order', (d) => d.training.reverse(), /training sample 2 is not after training sample 1/],
      ['a sample past the run', (d) => (d.training[2].iteration = 1e12), /training sample 3 is at iteration 1,000,000,000,000, past the 5,850/],
      ['a confusion matrix of 99', (d) => d.evaluations[0].confusion.pop(), /evaluation 1 has no confusion matrix of 100 counts/],
      ['a label of 256 (no wrap-around to 0)', (d) => (d.predictions.labels[0] = 256), /predictions' labels are not a list of whole numbers from 0 to 255/],
      ['a class of 10', (d) => (d.predictions.top3Classes[0] = 10), /predictions name a class outside 0–9/],
      ['a percent as text', (d) => (d.predictions.top3Percent[0] = '70'), /predictions' top3Percent are not a list of whole numbers/],
      ['percents too few', (d) => d.predictions.top3Percent.pop(), /three classes and percentages per image/],
      ['an unknown split', (d) => (d.predictions.evaluatedOn = 'train'), /do not say whether the test or the validation images/],
      ['a huge list of predictions', (d) => (d.predictions.labels = new Array(200_000).fill(0)), /predictions' labels are not a list/],
    ];
    for (const [what, spoil, reason] of cases) {
      const document = exported();
      spoil(document.runs[0].diagnostics);
      const { runs, problems } = parse(document);
      expect(runs, what).toHaveLength(2);
      expect(runs[0], what).not.toHaveProperty('diagnostics');
      expect(runs[0].train, what).toHaveLength(3);
      expect(problems, what).toHaveLength(1);
      expect(problems[0], what).toMatch(/^Run 1 “plain-56, "deep" <try> second line”: its diagnostics were damaged and left out \(.*\)\.$/);
      expect(problems[0], what).toMatch(reason);
      for (const run of runs) expect(isStoredRun(toStoredRun(run, 0)), what).toBe(true);
    }
  });

  it('keeps only the format\'s fields of the diagnostics: no "__proto__" or other key of the file\'s making', () => {
    const text = runsToJson(twoRuns(), DEFAULT_CHART_VIEW)
      .replace('{"name":"stem/conv"', '{"__proto__":{"polluted":true},"extra":1,"name":"stem/conv"')
      .replace('"evaluatedOn": "test"', '"evaluatedOn": "test", "__proto__": {"iteration": 5}, "constructor": 1');
    const { runs, problems } = parseRunsJson(text, 'runs.json');
    expect(problems).toEqual([]);
    const diagnostics = runs[0].diagnostics!;
    expect(diagnostics.layout.gradientLayers[0]).toEqual({ name: 'stem/conv', kind: 'conv', stage: 0 });
    expect(Object.keys(diagnostics.layout.gradientLayers[0])).toEqual(['name', 'kind', 'stage']);
    expect(Object.keys(diagnostics.predictions!)).toEqual(['iteration', 'evaluatedOn', 'top3Classes', 'top3Percent', 'labels']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

