import { describe, expect, it } from 'vitest';
import { BATCH_FILE_BYTES, DataFormatError, IMAGE_BYTES, RECORD_BYTES } from './cifarFormat';
import { assembleDataset, parseBatchFile } from './cifarParser';
import { makeBatchBytes, makeValidFiles, syntheticLabel, syntheticPixel } from './testing/fixtures';

/** The DataFormatError `run` throws (fails the test when it throws nothing or something else). */
function formatError(run: () => unknown): DataFormatError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DataFormatError);
    return error as DataFormatError;
  }
  throw new Error('expected a DataFormatError');
}

const valid = makeBatchBytes(10_000, 3);
const text = (s: string): number[] => [...new TextEncoder().encode(s)];

describe('parseBatchFile', () => {
  it('splits an official-size file into labels and CHW images', () => {
    expect(valid.length).toBe(BATCH_FILE_BYTES);
    const split = parseBatchFile('data_batch_1.bin', valid);
    expect(split.count).toBe(10_000);
    expect(split.images.length).toBe(10_000 * IMAGE_BYTES);
    expect(split.labels[0]).toBe(syntheticLabel(0, 3));
    expect(split.labels[9_999]).toBe(syntheticLabel(9_999, 3));
    // Record 1234, blue plane (c = 2), row 5, column 17.
    const chw = 2 * 1024 + 5 * 32 + 17;
    expect(split.images[1234 * IMAGE_BYTES + chw]).toBe(syntheticPixel(1234, chw, 3));
    expect(split.images[1234 * IMAGE_BYTES + chw]).toBe(valid[1234 * RECORD_BYTES + 1 + chw]);
  });

  it('rejects an empty file', () => {
    expect(formatError(() => parseBatchFile('test_batch.bin', new Uint8Array(0))).message).toMatch(/^test_batch\.bin is empty/);
  });

  it('rejects a truncated last record and says how much of it is there', () => {
    const error = formatError(() => parseBatchFile('data_batch_2.bin', valid.subarray(0, BATCH_FILE_BYTES - 1000)));
    expect(error.file).toBe('data_batch_2.bin');
    expect(error.message).toContain(`truncated: last record has ${RECORD_BYTES - 1000} of 3073 bytes`);
    expect(error.message).toContain('Download');
  });

  it('rejects a whole number of records that is not 10,000', () => {
    const error = formatError(() => parseBatchFile('data_batch_3.bin', valid.subarray(0, 100 * RECORD_BYTES)));
    expect(error.message).toContain('has 100 records');
    expect(error.message).toContain('expected 10,000 records = 30,730,000 bytes');
  });

  it('rejects a label above 9 and names the record and value', () => {
    const bad = valid.slice();
    bad[4321 * RECORD_BYTES] = 10;
    expect(formatError(() => parseBatchFile('data_batch_4.bin', bad)).message).toContain('label 10 in record 4321');
  });
});

describe('assembleDataset', () => {
  const files = makeValidFiles();

  it('concatenates the five training files in order and keeps the test file apart', () => {
    const shuffledOrder = new Map([...files].reverse());
    shuffledOrder.set('batches.meta.txt', new TextEncoder().encode('airplane\n'));
    shuffledOrder.set('readme.html', new Uint8Array(3));
    const { train, test } = assembleDataset(shuffledOrder);
    expect(train.count).toBe(50_000);
    expect(test.count).toBe(10_000);
    // data_batch_N was made with seed N - 1, test_batch with seed 5.
    for (let file = 0; file < 5; file++) {
      const image = file * 10_000 + 77;
      expect(train.labels[image]).toBe(syntheticLabel(77, file));
      expect(train.images[image * IMAGE_BYTES + 1000]).toBe(syntheticPixel(77, 1000, file));
    }
    expect(test.labels[77]).toBe(syntheticLabel(77, 5));
  });

  it('loads a complete set next to a stray bad .bin file (only the six files are needed)', () => {
    const withStray = new Map(files);
    withStray.set('label_10_in_record_7.bin', new Uint8Array([10, 1, 2]));
    expect(assembleDataset(withStray).train.count).toBe(50_000);
  });

  it('lists every missing file', () => {
    const partial = new Map(files);
    partial.delete('data_batch_2.bin');
    partial.delete('test_batch.bin');
    const error = formatError(() => assembleDataset(partial));
    expect(error.file).toBeNull();
    expect(error.message).toContain('missing data_batch_2.bin, test_batch.bin');
  });

  it('recognises the Python version of CIFAR-10', () => {
    const python = new Map([['data_batch_1', new Uint8Array(10)]]);
    expect(formatError(() => assembleDataset(python)).message).toContain('Python or MATLAB version');
  });

  it('validates every file before copying any', () => {
    const broken = new Map(files);
    broken.set('data_batch_5.bin', new Uint8Array(RECORD_BYTES * 2 + 5));
    expect(formatError(() => assembleDataset(broken)).message).toContain('data_batch_5.bin is truncated: last record has 5 of 3073 bytes');
  });

  it('names a broken file before complaining that others are missing (a single truncated file dropped)', () => {
    const lone = new Map([['data_batch_1.bin', new Uint8Array(5000)]]);
    expect(formatError(() => assembleDataset(lone)).message).toContain('data_batch_1.bin is truncated');
  });
});

describe('bad .bin files, each named with its own defect', () => {
  const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  /** `records` whole records with `label` in record `at` (the rest valid). */
  const withLabel = (records: number, at: number, label: number) => {
    const bytes = makeBatchBytes(records, 1);
    bytes[at * RECORD_BYTES] = label;
    return bytes;
  };

  it('says a PNG renamed data_batch_1.bin is a PNG image, not a truncated batch', () => {
    const png = new Uint8Array(3089);
    png.set(PNG_HEAD);
    expect(formatError(() => parseBatchFile('data_batch_1.bin', png)).message).toMatch(/^data_batch_1\.bin is a PNG image, not a CIFAR-10 batch file\./);
  });

  it('recognises other formats by their first bytes: JPEG, GIF, zip, gzip, PDF', () => {
    const cases: [number[], string][] = [
      [[0xff, 0xd8, 0xff, 0xe0], 'a JPEG image'],
      [text('GIF89a'), 'a GIF image'],
      [[0x50, 0x4b, 0x03, 0x04], 'a zip archive'],
      [[0x1f, 0x8b, 8, 0], 'a gzip file'],
      [text('%PDF-1.7'), 'a PDF document'],
    ];
    for (const [head, what] of cases) {
      const bytes = new Uint8Array(RECORD_BYTES * 2);
      bytes.set(head);
      expect(formatError(() => parseBatchFile('test_batch.bin', bytes)).message).toContain(`test_batch.bin is ${what}`);
    }
  });

  it('names a label above 9 even when the file is also short (it is not CIFAR-10 at all)', () => {
    expect(formatError(() => parseBatchFile('data_batch_1.bin', withLabel(8, 7, 10))).message).toContain('data_batch_1.bin has label 10 in record 7');
  });

  it('names a bad .bin file under its own name instead of saying only that CIFAR-10 is incomplete', () => {
    const error = formatError(() => assembleDataset(new Map([['label_10_in_record_7.bin', withLabel(8, 7, 10)]])));
    expect(error.message).toContain('label_10_in_record_7.bin has label 10 in record 7');
    expect(error.message).not.toContain('incomplete');
  });

  it('names every bad file, one line each, when several are given at once', () => {
    const png = new Uint8Array(16);
    png.set(PNG_HEAD);
    const error = formatError(() =>
      assembleDataset(
        new Map([
          ['data_batch_1.bin', png],
          ['test_batch.bin', makeBatchBytes(1).subarray(0, 100)],
          ['label_10_in_record_7.bin', withLabel(8, 7, 10)],
        ]),
      ),
    );
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('3 files cannot be used as CIFAR-10:');
    expect(lines.slice(1).map((line) => line.split(' ').slice(0, 4).join(' '))).toEqual([
      '• data_batch_1.bin is a',
      '• test_batch.bin is truncated:',
      '• label_10_in_record_7.bin has label',
    ]);
    expect(lines[1]).toContain('PNG image');
    expect(lines[3]).toMatch(/\. Download the "CIFAR-10 binary version"/);
  });
});
