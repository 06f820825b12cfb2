// Turns the files a user picked or dropped into CIFAR-10 batch files keyed by base name. Accepted: the official
// cifar-10-binary.tar.gz (or any .tar.gz of the batches), a plain .tar, or the .bin files themselves, in any mix.
// The result goes to assembleDataset(), which validates the records.
//
// Checksum rule: a gzip file of exactly 170,052,171 bytes claims to be the official archive, and its MD5 must
// be c32a1d4ab5d03f1284b67883e8d87530, otherwise it is rejected as corrupt ("checksum mismatch") even if it
// happens to decompress. Any other .tar.gz (a user's own re-pack) is accepted when its content validates: gzip's
// own CRC-32, the tar header checksums, then record sizes and labels. The name is not part of the rule on
// purpose: browsers rename repeated downloads ("cifar-10-binary (1).tar.gz"), while the exact size is a claim
// that a re-pack practically never makes by accident.
import { peekBytes, readChunks } from './byteStream';
import { BATCH_FILE_BYTES, DataFormatError, OFFICIAL_ARCHIVE_BYTES, OFFICIAL_ARCHIVE_MD5, OFFICIAL_ARCHIVE_NAME } from './cifarFormat';
import { batchFileProblem } from './cifarParser';
import { detectFileKind, SNIFF_BYTES } from './fileKind';
import { gunzip } from './gunzip';
import { Md5 } from './md5';
import { severalProblems } from './severalProblems';
import { formatMegabytes, type ProgressCallback, throttleProgress } from './progress';
import { looksLikeTar, readTar, TarSizeGuard, type TarEntry } from './tarReader';

/** What readUserFiles needs of a File (a browser File satisfies it). Files are read as streams only, so that
 *  progress can be reported and nothing is held twice; hence no arrayBuffer(). */
export interface UserFile {
  readonly name: string;
  /** Bytes. */
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

type Chunks = AsyncGenerator<Uint8Array, void, undefined>;
/** Called with the bytes of the current file consumed so far and a verb for the status line. */
type ByteProgress = (consumedBytes: number, verb: string) => void;

const REDOWNLOAD = `Download ${OFFICIAL_ARCHIVE_NAME} again (the copy you have is damaged) and load the new file.`;
const EXPECTED = `Expected ${OFFICIAL_ARCHIVE_NAME} (a gzip-compressed tar of the .bin files), a .tar, or the .bin files.`;

/** The largest file of CIFAR-10 is a batch (10,000 records); the official tar holds six of them plus a few
 *  small files. Archives are refused past these sizes while they are read, so memory stays bounded. */
const MAX_MEMBER_BYTES = BATCH_FILE_BYTES;
const MAX_ARCHIVE_BYTES = 7 * BATCH_FILE_BYTES;

/**
 * Reads every file and returns the batch files found, keyed by base name ("data_batch_1.bin"). Archive members
 * are views into the decompressed archive (no copies). Progress is the fraction of all input bytes consumed
 * (compressed bytes for a .tar.gz). Throws DataFormatError for anything that is not CIFAR-10 input.
 */
export async function readUserFiles(
  files: readonly UserFile[],
  onProgress: ProgressCallback,
): Promise<Map<string, Uint8Array>> {
  const report = throttleProgress(onProgress);
  const totalBytes = Math.max(1, files.reduce((sum, file) => sum + file.size, 0));
  const result = new Map<string, Uint8Array>();
  // Every file is read even after a bad one, so that each bad file is named with its defect, not only the first.
  const errors: DataFormatError[] = [];
  let doneBytes = 0;
  for (const file of files) {
    const onBytes: ByteProgress = (consumed, verb) =>
      report(
        (doneBytes + consumed) / totalBytes,
        `${verb} ${file.name}: ${formatMegabytes(consumed)} of ${formatMegabytes(file.size)}`,
      );
    try {
      for (const [name, bytes] of await readOneFile(file, onBytes)) result.set(name, bytes);
    } catch (error) {
      if (!(error instanceof DataFormatError)) throw error;
      errors.push(error);
    }
    doneBytes += file.size;
  }
  onProgress(1, `Read ${files.length} file${files.length === 1 ? '' : 's'}`);
  if (errors.length > 0) throw severalProblems([...errors, ...batchProblems(result)]);
  return result;
}

/** The defects of the .bin files that were read (their records are checked later, but the user is told about
 *  every bad file at once). */
function batchProblems(files: ReadonlyMap<string, Uint8Array>): DataFormatError[] {
  return [...files].flatMap(([name, bytes]) => {
    const problem = name.toLowerCase().endsWith('.bin') ? batchFileProblem(name, bytes) : null;
    return problem ? [problem] : [];
  });
}

async function readOneFile(file: UserFile, onBytes: ByteProgress): Promise<[string, Uint8Array][]> {
  const source = fileChunks(file);
  try {
    const { head, all } = await peekBytes(source, SNIFF_BYTES);
    switch (detectFileKind(file.name, head)) {
      case 'ignored':
        return [];
      case 'batch':
        return [[file.name, await readWhole(file, counted(all, (n) => onBytes(n, 'Reading')))]];
      case 'tar': {
        if (file.size > MAX_ARCHIVE_BYTES) {
          throw new DataFormatError(file.name, `is ${formatMegabytes(file.size)}, more than CIFAR-10's tar archive holds`, EXPECTED);
        }
        const tarBytes = await readWhole(file, counted(all, (n) => onBytes(n, 'Reading')));
        return readTar(tarBytes, file.name).map((entry) => [entry.name, entry.bytes]);
      }
      case 'gzip':
        return (await readGzippedTar(file, all, onBytes)).map((entry) => [entry.name, entry.bytes]);
    }
  } finally {
    await source.return(undefined); // stops reading a file we rejected or skip; no-op once it was read to the end
  }
}

async function readGzippedTar(file: UserFile, all: Chunks, onBytes: ByteProgress): Promise<TarEntry[]> {
  const md5 = file.size === OFFICIAL_ARCHIVE_BYTES ? new Md5() : null;
  const verb = md5 ? 'Decompressing and checking' : 'Decompressing';
  let hashedBytes = 0;
  const input = counted(all, (consumed, chunk) => {
    md5?.update(chunk);
    hashedBytes = consumed;
    onBytes(consumed, verb);
  });
  let tarBytes: Uint8Array;
  try {
    const guard = new TarSizeGuard(file.name, MAX_MEMBER_BYTES, MAX_ARCHIVE_BYTES, EXPECTED);
    tarBytes = await gunzip(
      input,
      (head) => {
        if (!looksLikeTar(head)) throw new DataFormatError(file.name, 'is gzip-compressed but does not contain a tar archive', EXPECTED);
      },
      (chunk) => guard.push(chunk),
    );
  } catch (error) {
    if (md5) {
      // A file that claims to be the official archive is judged by its checksum: read the rest and compare
      // (unless reading itself failed: then that is the message).
      for await (const chunk of input) void chunk;
      if (hashedBytes === file.size) verifyOfficialChecksum(file.name, md5);
    }
    throw error instanceof DataFormatError
      ? error
      : new DataFormatError(
          file.name,
          `is corrupt or truncated: gzip decompression failed (${errorText(error)})`,
          md5 ? REDOWNLOAD : `If it is a download, download it again; otherwise re-create it with "tar czf".`,
        );
  }
  if (md5) verifyOfficialChecksum(file.name, md5);
  return readTar(tarBytes, file.name);
}

function verifyOfficialChecksum(name: string, md5: Md5): void {
  const digest = md5.digestHex();
  if (digest !== OFFICIAL_ARCHIVE_MD5) {
    throw new DataFormatError(
      name,
      `failed its checksum (checksum mismatch): it has the official archive's size (170,052,171 bytes) but MD5 ` +
        `${digest} instead of ${OFFICIAL_ARCHIVE_MD5}, so it is corrupt`,
      REDOWNLOAD,
    );
  }
}

/** The file's chunks; a read failure (file deleted or changed meanwhile) becomes a DataFormatError. */
async function* fileChunks(file: UserFile): Chunks {
  try {
    yield* readChunks(file.stream());
  } catch (error) {
    throw new DataFormatError(
      file.name,
      `could not be read (${errorText(error)})`,
      'Check that the file still exists and was not changed, then load it again.',
    );
  }
}

/** Passes chunks through, telling `onChunk` the running byte count. */
async function* counted(chunks: Chunks, onChunk: (consumedBytes: number, chunk: Uint8Array) => void): Chunks {
  let consumed = 0;
  for await (const chunk of chunks) {
    consumed += chunk.length;
    onChunk(consumed, chunk);
    yield chunk;
  }
}

/** All bytes of a file in one buffer, allocated once at the announced size (one copy, not chunks + concat). */
async function readWhole(file: UserFile, chunks: Chunks): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size);
  let offset = 0;
  for await (const chunk of chunks) {
    if (offset + chunk.length > bytes.length) {
      throw new DataFormatError(file.name, 'changed while it was being read (it grew)', 'Load it again.');
    }
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes.subarray(0, offset);
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
