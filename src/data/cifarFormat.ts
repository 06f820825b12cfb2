// The CIFAR-10 binary format (official "binary version", cifar-10-binary.tar.gz; see shared/PAPER.md):
// each .bin file holds 10,000 records of 1 label byte (0-9) then 3,072 pixel bytes: the red, green and blue
// planes in that order, each a row-major 32x32 image.

export const IMAGE_SIZE = 32;
export const CHANNELS = 3;
/** Pixels of one colour plane: 32 * 32. */
export const PLANE_BYTES = IMAGE_SIZE * IMAGE_SIZE;
/** Pixel bytes of one image: 3 planes of 1,024. */
export const IMAGE_BYTES = CHANNELS * PLANE_BYTES;
/** One record: the label byte, then the image. */
export const RECORD_BYTES = 1 + IMAGE_BYTES;
export const RECORDS_PER_FILE = 10_000;
/** 30,730,000 bytes: the exact size of every official .bin file. */
export const BATCH_FILE_BYTES = RECORDS_PER_FILE * RECORD_BYTES;
export const NUM_CLASSES = 10;

/** The five training files, in the order their records are concatenated (50,000 training images). */
export const TRAIN_FILES = [
  'data_batch_1.bin',
  'data_batch_2.bin',
  'data_batch_3.bin',
  'data_batch_4.bin',
  'data_batch_5.bin',
] as const;
export const TEST_FILE = 'test_batch.bin';
/** The class names file shipped next to the batches; the data code does not need it. */
export const META_FILE = 'batches.meta.txt';
/** Every file a complete dataset needs, training files first. */
export const REQUIRED_FILES: readonly string[] = [...TRAIN_FILES, TEST_FILE];

/** The official archive ("CIFAR-10 binary version" on the CIFAR-10 home page), see shared/PAPER.md. */
export const OFFICIAL_ARCHIVE_NAME = 'cifar-10-binary.tar.gz';
export const OFFICIAL_ARCHIVE_BYTES = 170_052_171;
export const OFFICIAL_ARCHIVE_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';

/** Label index -> name, as listed in batches.meta.txt. */
export const CLASS_NAMES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
] as const;

export interface CifarSplit {
  /** count * 3,072 bytes; per image the R, G, B planes (CHW), each row-major 32x32. Values 0-255. */
  images: Uint8Array;
  /** count labels, 0-9 (index into CLASS_NAMES). */
  labels: Uint8Array;
  count: number;
}

export interface CifarDataset {
  /** 50,000 images: data_batch_1..5 in order. */
  train: CifarSplit;
  /** 10,000 images: test_batch. */
  test: CifarSplit;
}

/** What a user can do about any bad input; the messages below append it when there is nothing more specific. */
export const GET_OFFICIAL_DATA =
  'Download the "CIFAR-10 binary version" (cifar-10-binary.tar.gz, 170 MB) from the CIFAR-10 home page and load that file, or the .bin files it contains.';

/**
 * Input that is not (valid) CIFAR-10. The message is meant for the user as it is: it names the file, says
 * what is wrong and what to do, e.g. "data_batch_3.bin is truncated: ... Download ...".
 */
export class DataFormatError extends Error {
  constructor(
    /** The file (or archive member) at fault, or null when the problem is a set of files. */
    readonly file: string | null,
    /** What is wrong, without the file name, e.g. "is truncated: last record has 17 of 3073 bytes". */
    readonly problem: string,
    /** What to do about it. */
    readonly remedy: string = GET_OFFICIAL_DATA,
  ) {
    super(`${file === null ? '' : `${file} `}${problem}. ${remedy}`);
    this.name = 'DataFormatError';
  }
}
