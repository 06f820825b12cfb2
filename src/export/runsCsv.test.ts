import { describe, expect, it } from 'vitest';
import { DEFAULT_CHART_VIEW } from '../components/ChartControls';
import { debiasedEma } from '../components/smoothing';
import { referenceSetById } from '../reference/referenceCurves';
import { csvField } from './csv';
import { CSV_COLUMNS, REFERENCE_SOURCE, runsToCsv } from './runsCsv';
import { pytorchRun, twoRuns } from './testRuns';

/** A small RFC 4180 reader, independent of the writer: quoted fields may hold commas, "" and line breaks. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let fieldText = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (fieldText += '"'), i++;
      else if (c === '"') quoted = false;
      else fieldText += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(fieldText), (fieldText = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(fieldText);
      rows.push(row);
      (row = []), (fieldText = ''), i++;
    } else fieldText += c;
  }
  expect(quoted, 'unterminated quote').toBe(false);
  expect(row.length === 0 && fieldText === '', 'text after the last CRLF').toBe(true);
  return rows;
}

/** Rows as objects keyed by the header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = readCsv(text);
  rows.forEach((row) => expect(row).toHaveLength(header.length));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

const count = (rows: Record<string, string>[], runId: string, curve: string) => rows.filter((r) => r.run_id === runId && r.curve === curve).length;

describe('CSV export', () => {
  it('starts with the documented header: trained_with last, so every older column keeps its place', () => {
    const [header] = readCsv(runsToCsv(twoRuns(), DEFAULT_CHART_VIEW));
    expect(header.join(',')).toBe(
      'source,run_id,run_name,network,depth,block_type,shortcut,block,width,schedule,epochs,batch_size,learning_rate,seed,backend,device,curve,iteration,epoch,error_percent,loss,learning_rate_at_point,smoothing,trained_with',
    );
    expect(header).toEqual([...CSV_COLUMNS]);
  });

  it('says where each run trained: the framework and device of a run trained elsewhere, the browser backend of the others', () => {
    const [plain, residual] = twoRuns();
    const rows = records(runsToCsv([pytorchRun(), plain, residual, { ...residual, id: 'run-c', backend: undefined }], DEFAULT_CHART_VIEW));
    const trainedWith = (runId: string) => [...new Set(rows.filter((r) => r.run_id === runId).map((r) => r.trained_with))];
    expect(trainedWith('run-p')).toEqual(['PyTorch 2.4.1, 8x NVIDIA H200 via torchrun']);
    expect(trainedWith('run-a')).toEqual(['browser, WebGPU (google swiftshader)']);
    expect(trainedWith('run-b')).toEqual(['browser, CPU']);
    expect(trainedWith('run-c')).toEqual(['browser']);
    // Named as everywhere else on the page; no browser backend or adapter to name.
    expect(rows[0]).toMatchObject({ source: 'imported: residual_playground_runs.json', run_name: 'ResNet-56 (option A) · PyTorch', network: 'ResNet-56 (option A)', backend: '', device: '' });
  });

  it('has one row per plotted point of both runs, with their settings and values', () => {
    const rows = records(runsToCsv(twoRuns(), DEFAULT_CHART_VIEW));
    expect(rows).toHaveLength(3 + 1 + 2 + 2);
    expect([count(rows, 'run-a', 'train'), count(rows, 'run-a', 'test'), count(rows, 'run-b', 'train'), count(rows, 'run-b', 'test')]).toEqual([3, 1, 2, 2]);
    expect(rows.some((r) => r.curve === 'train_smoothed')).toBe(false);
    expect(rows[1]).toEqual({
      source: 'this browser',
      run_id: 'run-a',
      run_name: 'plain-56, "deep" <try>\nsecond line',
      network: 'plain-56',
      depth: '56',
      block_type: 'plain',
      shortcut: 'A',
      block: 'basic',
      width: '16',
      schedule: 'quick',
      epochs: '15',
      batch_size: '128',
      learning_rate: '0.1',
      seed: '3',
      backend: 'webgpu',
      device: 'google swiftshader',
      curve: 'train',
      iteration: '20',
      epoch: String(20 / 390),
      error_percent: '80.5',
      loss: '2.1',
      learning_rate_at_point: '0.1',
      smoothing: '0',
      trained_with: 'browser, WebGPU (google swiftshader)',
    });
    const test = rows.find((r) => r.run_id === 'run-b' && r.curve === 'test')!;
    expect(test).toMatchObject({ run_name: 'ResNet-20 (option A)', iteration: '195', epoch: '0.5', error_percent: '65', loss: '1.8', learning_rate_at_point: '' });
    expect(rows.find((r) => r.run_id === 'run-b' && r.iteration === '20')!.loss).toBe('2.05');
  });

  it('quotes names with commas, quotes and line breaks (RFC 4180)', () => {
    const text = runsToCsv(twoRuns(), DEFAULT_CHART_VIEW);
    expect(text).toContain(',"plain-56, ""deep"" <try>\nsecond line",');
    expect(text.split('\r\n')).toHaveLength(1 + 8 + 1);
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(csvField(-0.5)).toBe('-0.5');
    // A name from someone's file must not run as a spreadsheet formula.
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('adds the smoothed training curve, and its weight, only when smoothing is on', () => {
    const rows = records(runsToCsv(twoRuns(), { ...DEFAULT_CHART_VIEW, smoothing: 0.6 }));
    expect([count(rows, 'run-a', 'train_smoothed'), count(rows, 'run-b', 'train_smoothed')]).toEqual([3, 2]);
    const smoothed = rows.filter((r) => r.run_id === 'run-a' && r.curve === 'train_smoothed');
    expect(smoothed.map((r) => Number(r.error_percent))).toEqual(debiasedEma([90, 80.5, 70.25], 0.6));
    expect(smoothed.map((r) => r.iteration)).toEqual(['10', '20', '30']);
    expect(smoothed.every((r) => r.smoothing === '0.6' && r.loss === '')).toBe(true);
    expect(rows.filter((r) => r.curve === 'train').every((r) => r.smoothing === '0')).toBe(true);
  });

  it('says where an imported run came from, and calls a validation curve so', () => {
    const [plain, residual] = twoRuns();
    const rows = records(runsToCsv([{ ...plain, importedFrom: 'alice, 2026.json' }, { ...residual, config: { ...residual.config, validationSplit: true } }], DEFAULT_CHART_VIEW));
    expect(rows[0].source).toBe('imported: alice, 2026.json');
    expect(count(rows, 'run-b', 'validation')).toBe(2);
    expect(count(rows, 'run-b', 'test')).toBe(0);
  });

  it('gives a paper-schedule run its length in epochs as run, not the ignored epochs setting', () => {
    const [plain] = twoRuns();
    const paper = { ...plain, config: { ...plain.config, schedule: 'paper' as const, epochs: 3 }, iterationsPerEpoch: 390, totalIterations: 64_000 };
    expect(records(runsToCsv([paper], DEFAULT_CHART_VIEW))[0]).toMatchObject({ schedule: 'paper', epochs: '164.1' });
    const notStarted = { ...paper, totalIterations: undefined };
    expect(records(runsToCsv([notStarted], DEFAULT_CHART_VIEW))[0].epochs).toBe('');
  });

  it('includes the reference overlay curves that the chart draws, marked as measured outside the app', () => {
    const reference = referenceSetById('pytorch-15')!;
    const rows = records(runsToCsv(twoRuns(), DEFAULT_CHART_VIEW, reference));
    const referenceRows = rows.filter((r) => r.source === REFERENCE_SOURCE);
    // Per network: the fine training curve (every 50 iterations) and the per-epoch test error.
    expect(referenceRows).toHaveLength(4 * (117 + 15));
    const plain56Test = referenceRows.filter((r) => r.network === 'plain-56' && r.curve === 'test');
    expect(plain56Test).toHaveLength(15);
    expect(plain56Test[14]).toMatchObject({
      run_id: 'reference:pytorch-15:plain-56',
      run_name: 'plain-56 (PyTorch ref.)',
      depth: '56',
      block_type: 'plain',
      shortcut: '',
      iteration: '5850',
      epoch: '15',
      error_percent: '47.73',
      loss: '',
      epochs: '15',
      batch_size: '128',
      learning_rate: '0.1',
      seed: '0',
      backend: 'pytorch',
      device: 'NVIDIA H200, PyTorch 2.11.0+cu130, CUDA 13.0',
      trained_with: 'PyTorch 2.11.0+cu130, NVIDIA H200',
    });
    const fine = referenceRows.filter((r) => r.network === 'ResNet-20' && r.curve === 'train');
    expect(fine[0]).toMatchObject({ iteration: '50', epoch: String(50 / 390), shortcut: 'A' });
    // The runs' own rows are all still there.
    expect(rows.filter((r) => r.source === 'this browser')).toHaveLength(8);
  });
});
