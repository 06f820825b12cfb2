// Validates CIFAR-10 .bin files and splits their records into an image buffer and a label buffer.
// Validation happens before any large allocation so a bad file costs nothing but the error.
import {
  BATCH_FILE_BYTES,
  type CifarDataset,
  type CifarSplit,
  DataFormatError,
  IMAGE_BYTES,
  NUM_CLASSES,
  RECORD_BYTES,
  RECORDS_PER_FILE,
  REQUIRED_FILES,
  TEST_FILE,
  TRAIN_FILES,
} from './cifarFormat';
import { otherFormatOf } from './formatSignatures';
import { severalProblems } from './severalProblems';

const formatInt = (n: number): string => n.toLocaleString('en-US');

/** Throws DataFormatError unless `bytes` is a complete official batch: 10,000 records with labels 0-9. The
 *  defects are looked for in the order that says most about the file: another format (a PNG renamed .bin is
 *  not "truncated"), then a label that no CIFAR-10 record has, then the size. */
export function validateBatchFile(name: string, bytes: Uint8Array): void {
  if (bytes.length === 0) {
    throw new DataFormatError(name, 'is empty (0 bytes)');
  }
  const format = otherFormatOf(bytes.subarray(0, 16));
  if (format) throw new DataFormatError(name, `is ${format}, not a CIFAR-10 batch file`);
  const records = Math.floor(bytes.length / RECORD_BYTES);
  for (let record = 0; record < records; record++) {
    const label = bytes[record * RECORD_BYTES];
    if (label >= NUM_CLASSES) {
      throw new DataFormatError(
        name,
        `has label ${label} in record ${record} (byte offset ${formatInt(record * RECORD_BYTES)}); labels must be ` +
          `0-9, so this is not CIFAR-10 (CIFAR-100's binary files have a different layout)`,
      );
    }
  }
  const partial = bytes.length % RECORD_BYTES;
  if (partial !== 0) {
    throw new DataFormatError(
      name,
      `is truncated: last record has ${partial} of ${RECORD_BYTES} bytes (file is ${formatInt(bytes.length)} bytes, ` +
        `expected ${formatInt(BATCH_FILE_BYTES)}); the download or copy was probably interrupted`,
    );
  }
  if (records !== RECORDS_PER_FILE) {
    throw new DataFormatError(
      name,
      `has ${formatInt(records)} records (${formatInt(bytes.length)} bytes), expected ${formatInt(RECORDS_PER_FILE)} ` +
        `records = ${formatInt(BATCH_FILE_BYTES)} bytes; it is not an official CIFAR-10 batch file`,
    );
  }
}

/** What is wrong with a batch file (validateBatchFile's error), or null when nothing is. */
export function batchFileProblem(name: string, bytes: Uint8Array): DataFormatError | null {
  try {
    validateBatchFile(name, bytes);
    return null;
  } catch (error) {
    if (error instanceof DataFormatError) return error;
    throw error;
  }
}

/** Copies the records of a validated file into `split`, starting at image `firstImage`. */
function copyRecords(bytes: Uint8Array, split: CifarSplit, firstImage: number): void {
  const records = bytes.length / RECORD_BYTES;
  for (let record = 0; record < records; record++) {
    const source = record * RECORD_BYTES;
    const image = firstImage + record;
    split.labels[image] = bytes[source];
    split.images.set(bytes.subarray(source + 1, source + RECORD_BYTES), image * IMAGE_BYTES);
  }
}

function allocateSplit(count: number): CifarSplit {
  return { images: new Uint8Array(count * IMAGE_BYTES), labels: new Uint8Array(count), count };
}

/** One validated batch file as a split of 10,000 images. */
export function parseBatchFile(name: string, bytes: Uint8Array): CifarSplit {
  validateBatchFile(name, bytes);
  const split = allocateSplit(bytes.length / RECORD_BYTES);
  copyRecords(bytes, split, 0);
  return split;
}

/**
 * The dataset from files keyed by base name. Needs data_batch_1..5.bin and test_batch.bin; every other key
 * (batches.meta.txt, readme.html, stray files) is ignored. Training files are concatenated in order 1..5.
 * The caller should drop `files` afterwards: the result is a copy (about 184 MB for the full set).
 */
export function assembleDataset(files: ReadonlyMap<string, Uint8Array>): CifarDataset {
  // Every broken file is named, each with its defect: "truncated" tells the user more than "the others are
  // missing", and a bad file under its own name (not data_batch_N.bin) is as much the problem as a missing one.
  const broken = (names: readonly string[]): DataFormatError[] =>
    names.flatMap((name) => {
      const bytes = files.get(name);
      const problem = bytes ? batchFileProblem(name, bytes) : null;
      return problem ? [problem] : [];
    });
  const missing = REQUIRED_FILES.filter((name) => !files.has(name));
  // Other .bin files are not needed when the set is complete; when it is not, they may be what was meant.
  const others = missing.length > 0 ? [...files.keys()].filter((name) => name.toLowerCase().endsWith('.bin') && !REQUIRED_FILES.includes(name)) : [];
  const errors = [...broken(REQUIRED_FILES), ...broken(others)];
  if (errors.length > 0) throw severalProblems(errors);
  if (missing.length > 0) {
    const found = [...files.keys()].filter((name) => name.endsWith('.bin'));
    // The Python and MATLAB versions of CIFAR-10 name their batches data_batch_1 and data_batch_1.mat.
    const otherVersion = [...files.keys()].some((name) => /^data_batch_\d(\.mat)?$/.test(name));
    throw new DataFormatError(
      null,
      `CIFAR-10 is incomplete: missing ${missing.join(', ')}` +
        (found.length > 0 ? ` (found ${found.join(', ')})` : ' (no .bin batch files were found)') +
        (otherVersion ? '; these look like the Python or MATLAB version of CIFAR-10, but this app reads the binary version' : ''),
      'Load the official cifar-10-binary.tar.gz, or select all six files: data_batch_1.bin ... data_batch_5.bin and test_batch.bin.',
    );
  }
  const bytesOf = (name: string): Uint8Array => files.get(name) as Uint8Array;

  const train = allocateSplit(TRAIN_FILES.length * RECORDS_PER_FILE);
  TRAIN_FILES.forEach((name, index) => copyRecords(bytesOf(name), train, index * RECORDS_PER_FILE));
  return { train, test: parseBatchFile(TEST_FILE, bytesOf(TEST_FILE)) };
}
