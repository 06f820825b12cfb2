import { describe, expect, it } from 'vitest';
import type { Run } from '../state/appState';
import { anyDiagnostics, CONFUSION_CSV_COLUMNS, confusionToCsv, DIAGNOSTICS_CSV_COLUMNS, diagnosticsToCsv, PREDICTIONS_CSV_COLUMNS, predictionsToCsv } from './diagnosticsCsv';
import { testDiagnostics, twoRuns } from './testRuns';

/** An RFC 4180 reader, independent of the writer: quoted fields may hold commas, "" and line breaks. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  expect(quoted || row.length > 0 || field !== '', 'the text ends with CRLF, outside quotes').toBe(false);
  return rows;
}

/** Rows as objects keyed by the header, checked to have the header's width. */
function records(text: string, columns: readonly string[]): Record<string, string>[] {
  const [header, ...rows] = readCsv(text);
  expect(header).toEqual([...columns]);
  rows.forEach((row) => expect(row).toHaveLength(header.length));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

describe('diagnostics CSV (gradient norms and layer responses)', () => {
  it('has the documented header, even without diagnostics', () => {
    expect(diagnosticsToCsv([])).toBe('run_id,run_name,iteration,epoch,series,layer_index,layer,stage,kind,kernel_size,value\r\n');
    expect(diagnosticsToCsv([twoRuns()[1]])).toBe(diagnosticsToCsv([]));
  });

  it('has one row per run, sample and layer, every value at full precision', () => {
    const rows = records(diagnosticsToCsv(twoRuns()), DIAGNOSTICS_CSV_COLUMNS);
    // 3 samples x (5 gradient layers + 2 response layers); the second run has none.
    expect(rows).toHaveLength(3 * 7);
    expect(new Set(rows.map((row) => row.run_id))).toEqual(new Set(['run-a']));
    expect(rows[0]).toEqual({
      run_id: 'run-a',
      run_name: 'plain-56, "deep" <try>\nsecond line',
      iteration: '10',
      epoch: String(10 / 390),
      series: 'gradient_norm',
      layer_index: '0',
      layer: 'stem/conv',
      stage: '0',
      kind: 'conv',
      kernel_size: '',
      value: '0.5',
    });
    expect(rows[5]).toMatchObject({ series: 'response_std', layer_index: '0', layer: 'stem/bn', stage: '0', kind: '', kernel_size: '3', value: '1.25' });
    const diagnostics = testDiagnostics();
    const norms = rows.filter((row) => row.series === 'gradient_norm').map((row) => Number(row.value));
    expect(norms).toEqual(diagnostics.training.flatMap((sample) => sample.gradientNorms));
    const stds = rows.filter((row) => row.series === 'response_std').map((row) => Number(row.value));
    expect(stds).toEqual(diagnostics.training.flatMap((sample) => sample.responseStds));
    expect(rows.filter((row) => row.layer === 'fc').map((row) => [row.iteration, row.stage, row.kind])).toEqual([['10', '4', 'fc'], ['20', '4', 'fc'], ['30', '4', 'fc']]);
  });

  it('gives a sample without a chart point the epoch from the run\'s epoch length, or none', () => {
    const [plain] = twoRuns();
    const unplotted: Run = { ...plain, train: [], diagnostics: testDiagnostics([195]) };
    expect(records(diagnosticsToCsv([unplotted]), DIAGNOSTICS_CSV_COLUMNS)[0].epoch).toBe('0.5');
    const { iterationsPerEpoch: _unknown, ...noEpochLength } = unplotted;
    expect(records(diagnosticsToCsv([noEpochLength]), DIAGNOSTICS_CSV_COLUMNS)[0].epoch).toBe('');
  });

  it('never lets a name run as a spreadsheet formula', () => {
    const [plain] = twoRuns();
    const text = diagnosticsToCsv([{ ...plain, label: '=HYPERLINK("x")' }]);
    expect(records(text, DIAGNOSTICS_CSV_COLUMNS)[0].run_name).toBe(`'=HYPERLINK("x")`);
  });
});

describe('confusion CSV', () => {
  it('has one row per run, evaluation and cell, zeros included, with the class names', () => {
    const [plain] = twoRuns();
    const run: Run = { ...plain, diagnostics: testDiagnostics([10], [195, 390]), test: [...plain.test, { iteration: 195, epoch: 0.5, testError: 70, testLoss: 2 }] };
    const rows = records(confusionToCsv([run, twoRuns()[1]]), CONFUSION_CSV_COLUMNS);
    expect(rows).toHaveLength(2 * 100);
    expect(rows[0]).toEqual({
      run_id: 'run-a',
      run_name: 'plain-56, "deep" <try>\nsecond line',
      iteration: '195',
      epoch: '0.5',
      evaluated_on: 'test',
      true_class: '0',
      true_label: 'airplane',
      predicted_class: '0',
      predicted_label: 'airplane',
      count: '0',
    });
    // Row-major: confusion[true * 10 + predicted]; testDiagnostics' images: a cat and a dog called cats,
    // an automobile and a truck called trucks.
    const counted = rows.filter((row) => row.iteration === '390' && row.count !== '0');
    expect(counted.map((row) => [row.true_label, row.predicted_label, row.count])).toEqual([
      ['automobile', 'truck', '1'],
      ['cat', 'cat', '1'],
      ['dog', 'cat', '1'],
      ['truck', 'truck', '1'],
    ]);
    expect(rows.filter((row) => row.iteration === '390').every((row) => row.epoch === '1')).toBe(true);
  });

  it('says which images were evaluated: the test set, or the held-out validation images', () => {
    const [plain] = twoRuns();
    const rows = records(confusionToCsv([{ ...plain, config: { ...plain.config, validationSplit: true } }]), CONFUSION_CSV_COLUMNS);
    expect(new Set(rows.map((row) => row.evaluated_on))).toEqual(new Set(['validation']));
  });
});

describe('predictions CSV', () => {
  it('has one row per evaluated image of each run\'s newest evaluation, with its top-3 classes', () => {
    const rows = records(predictionsToCsv(twoRuns()), PREDICTIONS_CSV_COLUMNS);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual({
      run_id: 'run-a',
      run_name: 'plain-56, "deep" <try>\nsecond line',
      iteration: '390',
      evaluated_on: 'test',
      image_index: '1',
      true_class: '5',
      true_label: 'dog',
      top1_class: '3',
      top1_label: 'cat',
      top1_percent: '40',
      top2_class: '5',
      top2_label: 'dog',
      top2_percent: '35',
      top3_class: '6',
      top3_label: 'frog',
      top3_percent: '10',
    });
    expect(predictionsToCsv([twoRuns()[1]]).split('\r\n')).toHaveLength(2);
  });

  it('says whether any run has diagnostics to download', () => {
    expect(anyDiagnostics(twoRuns())).toBe(true);
    expect(anyDiagnostics([twoRuns()[1]])).toBe(false);
  });

  it('writes the tables of a ResNet-56 run of 64k iterations in reasonable time', () => {
    const [plain] = twoRuns();
    const layout = {
      gradientLayers: Array.from({ length: 112 }, (_, i) => ({ name: `stage2/block${i}/conv1`, kind: 'conv' as const, stage: 2 })),
      responseLayers: Array.from({ length: 55 }, (_, i) => ({ name: `stage2/block${i}/bn1`, stage: 2, kernelSize: 3 })),
    };
    const training = Array.from({ length: 3_300 }, (_, s) => ({
      iteration: (s + 1) * 19,
      gradientNorms: Array.from({ length: 112 }, (_, i) => Math.sqrt(i + s) / 7),
      responseStds: Array.from({ length: 55 }, (_, i) => 1 / Math.sqrt(i + s + 1)),
    }));
    const run: Run = { ...plain, config: { ...plain.config, schedule: 'paper' }, diagnostics: { layout, training, evaluations: [] } };
    const started = performance.now();
    const text = diagnosticsToCsv([run]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(text.split('\r\n')).toHaveLength(3_300 * 167 + 2);
  });
});
