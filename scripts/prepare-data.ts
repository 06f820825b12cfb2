// Prepares CIFAR-10 for the app: public/data/cifar-10-batches-bin/ (git-ignored) gets data_batch_1..5.bin,
// test_batch.bin, batches.meta.txt and mean_image.f32 (the training images' mean, src/data/meanImageFile.ts),
// which the app fetches at ./data/cifar-10-batches-bin/.
//   npm run prepare-data                               download the official archive (170 MB) once, then extract
//   CIFAR10_DIR=/path/to/cifar-10-batches-bin npm run prepare-data    copy an existing copy instead
// Environment: CIFAR10_DIR (copy from here), CIFAR10_OUT (output folder), CIFAR10_CACHE (download folder,
// default .cache/), CIFAR10_URL (archive URL, e.g. a local server in tests).
// Every expected failure ends with one paragraph on stderr and exit code 1; a stack trace means a bug.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import {
  BATCH_FILE_BYTES,
  CLASS_NAMES,
  DataFormatError,
  META_FILE,
  OFFICIAL_ARCHIVE_BYTES,
  OFFICIAL_ARCHIVE_MD5,
  OFFICIAL_ARCHIVE_NAME,
  REQUIRED_FILES,
} from '../src/data/cifarFormat';
import { assembleDataset, validateBatchFile } from '../src/data/cifarParser';
import { computeMeanImage } from '../src/data/meanImage';
import { encodeMeanImage, MEAN_IMAGE_FILE, MEAN_IMAGE_FILE_BYTES } from '../src/data/meanImageFile';
import { readTar } from '../src/data/tarReader';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = (name: string): string | undefined => process.env[name] || undefined;
const OUT_DIR = resolve(env('CIFAR10_OUT') ?? join(ROOT, 'public/data/cifar-10-batches-bin'));
const CACHE_DIR = resolve(env('CIFAR10_CACHE') ?? join(ROOT, '.cache'));
const ARCHIVE_URL = env('CIFAR10_URL') ?? `https://www.cs.toronto.edu/~kriz/${OFFICIAL_ARCHIVE_NAME}`;
/** Sizes of the prepared files; its presence means they were validated, so later runs only compare sizes. */
const MARKER = join(OUT_DIR, '.prepared.json');
const META_TEXT = `${CLASS_NAMES.join('\n')}\n`;

/** An expected failure: its message is the whole report. */
class PrepareError extends Error {}

/** A path as the user would type it: relative to the working directory when inside it, else absolute. */
const shown = (path: string): string => {
  const inside = relative(process.cwd(), path);
  return inside.startsWith('..') ? path : inside || '.';
};
const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
const log = (line: string): void => void process.stderr.write(`${line}\n`);

type Marker = Record<string, number>;

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

/** True when the marker exists and every file it lists has its recorded size (and the batches the official one). */
async function alreadyPrepared(): Promise<boolean> {
  let marker: Marker;
  try {
    marker = JSON.parse(await readFile(MARKER, 'utf8')) as Marker;
  } catch {
    return false;
  }
  for (const name of [...REQUIRED_FILES, META_FILE]) {
    const expected = name === META_FILE ? marker[name] : BATCH_FILE_BYTES;
    if (marker[name] !== expected || (await sizeOf(join(OUT_DIR, name))) !== expected) return false;
  }
  return true;
}

async function writeMarker(): Promise<void> {
  const marker: Marker = {};
  for (const name of [...REQUIRED_FILES, META_FILE]) marker[name] = (await sizeOf(join(OUT_DIR, name))) ?? -1;
  await writeFile(MARKER, `${JSON.stringify(marker, null, 2)}\n`);
}

/** Writes via a temporary name and a rename, so an interrupted run never leaves a half-written .bin behind. */
async function writeAtomically(path: string, bytes: Uint8Array | string): Promise<void> {
  await writeFile(`${path}.tmp`, bytes);
  await rename(`${path}.tmp`, path);
}

/** The parser's verdict, phrased for this script (the parser's own advice is for the browser). */
function validate(path: string, name: string, bytes: Uint8Array, remedy: string): void {
  try {
    validateBatchFile(name, bytes);
  } catch (error) {
    if (error instanceof DataFormatError) throw new PrepareError(`${path} ${error.problem}. ${remedy}`);
    throw error;
  }
}

// ---- CIFAR10_DIR: copy and validate an existing copy -------------------------------------------------------

async function copyFromDirectory(sourceDir: string): Promise<void> {
  const fix = `Set CIFAR10_DIR to a folder holding the official files (${REQUIRED_FILES.join(', ')}), as in the cifar-10-batches-bin folder of ${OFFICIAL_ARCHIVE_NAME}, or unset CIFAR10_DIR to download the archive.`;
  const dirStat = await stat(sourceDir).catch(() => null);
  if (!dirStat?.isDirectory()) throw new PrepareError(`CIFAR10_DIR is "${sourceDir}", which is not a directory. ${fix}`);
  const missing: string[] = [];
  for (const name of REQUIRED_FILES) if ((await sizeOf(join(sourceDir, name))) === null) missing.push(name);
  if (missing.length > 0) throw new PrepareError(`CIFAR10_DIR "${sourceDir}" lacks ${missing.join(', ')}. ${fix}`);

  await mkdir(OUT_DIR, { recursive: true });
  let copied = 0;
  let unchanged = 0;
  for (const name of REQUIRED_FILES) {
    const from = join(sourceDir, name);
    const to = join(OUT_DIR, name);
    const source = await stat(from);
    const target = await stat(to).catch(() => null);
    // Same size and mtime (we copy the mtime over): the file was validated and copied by an earlier run.
    // Within 1 ms, because utimes() goes through float seconds and can land a microsecond off.
    if (target && target.size === source.size && Math.abs(target.mtimeMs - source.mtimeMs) < 1) {
      unchanged++;
      continue;
    }
    const bytes = await readFile(from);
    validate(from, name, bytes, `Replace it with the file from the official archive. ${fix}`);
    await writeAtomically(to, bytes);
    await utimes(to, source.atime, source.mtime);
    copied++;
  }
  const meta = await readFile(join(sourceDir, META_FILE)).catch(() => null);
  await writeAtomically(join(OUT_DIR, META_FILE), meta ?? META_TEXT);
  await writeMarker();
  log(`Copied ${copied} and kept ${unchanged} unchanged batch file(s) from ${sourceDir}.`);
}

// ---- download: fetch, check and extract the official archive ------------------------------------------------

/** Text progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise (CI logs). */
function progressBar(total: number): { update(done: number): void; finish(): void } {
  const started = Date.now();
  let lastDraw = 0;
  let lastTenth = -1;
  const line = (done: number): string => {
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const bar = '#'.repeat(Math.round(fraction * 30)).padEnd(30, '.');
    return `[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${mb(done)} / ${mb(total)} MB  ${mb(done / seconds)} MB/s`;
  };
  return {
    update(done) {
      if (process.stderr.isTTY) {
        if (Date.now() - lastDraw < 200) return;
        lastDraw = Date.now();
        process.stderr.write(`\r${line(done)}`);
      } else {
        const tenth = Math.floor((10 * done) / Math.max(1, total));
        if (tenth !== lastTenth) log(line(done));
        lastTenth = tenth;
      }
    },
    finish() {
      if (process.stderr.isTTY) process.stderr.write('\n');
    },
  };
}

const DOWNLOAD_HELP = `If this machine cannot reach it, download ${OFFICIAL_ARCHIVE_NAME} (170 MB, the "binary version" on the CIFAR-10 home page) elsewhere and put it at ${shown(join(CACHE_DIR, OFFICIAL_ARCHIVE_NAME))}, or extract it and run with CIFAR10_DIR=/path/to/cifar-10-batches-bin.`;

async function download(url: string, path: string): Promise<void> {
  log(`Downloading ${url}`);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new PrepareError(`Could not download CIFAR-10 from ${url} (network error${cause}). Check the internet connection and try again. ${DOWNLOAD_HELP}`);
  }
  if (!response.ok || !response.body) {
    throw new PrepareError(`Could not download CIFAR-10 from ${url}: the server answered HTTP ${response.status}. ${DOWNLOAD_HELP}`);
  }
  const total = Number(response.headers.get('content-length')) || OFFICIAL_ARCHIVE_BYTES;
  const bar = progressBar(total);
  let done = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      bar.update(done);
      callback(null, chunk);
    },
  });
  await mkdir(dirname(path), { recursive: true });
  try {
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), counter, createWriteStream(`${path}.part`));
  } catch (error) {
    bar.finish();
    throw new PrepareError(`The download of ${url} broke off after ${mb(done)} MB (${error instanceof Error ? error.message : String(error)}). Run the script again. ${DOWNLOAD_HELP}`);
  }
  bar.finish();
  await rename(`${path}.part`, path);
}

/** Size and MD5 of the archive against the official ones; a bad file is deleted so the next run downloads again. */
async function verifyArchive(path: string): Promise<void> {
  const size = (await sizeOf(path)) ?? 0;
  const hash = createHash('md5');
  if (size === OFFICIAL_ARCHIVE_BYTES) await pipeline(createReadStream(path), hash);
  const digest = size === OFFICIAL_ARCHIVE_BYTES ? hash.digest('hex') : null;
  if (digest === OFFICIAL_ARCHIVE_MD5) return;
  await rm(path, { force: true });
  const what =
    digest === null
      ? `has ${size.toLocaleString('en-US')} bytes instead of ${OFFICIAL_ARCHIVE_BYTES.toLocaleString('en-US')}`
      : `has MD5 ${digest} instead of ${OFFICIAL_ARCHIVE_MD5}`;
  throw new PrepareError(`Checksum mismatch: the downloaded ${OFFICIAL_ARCHIVE_NAME} ${what}, so it is incomplete or corrupt (from ${ARCHIVE_URL}). It has been deleted; run the script again to download it afresh. ${DOWNLOAD_HELP}`);
}

async function downloadAndExtract(): Promise<void> {
  const archivePath = join(CACHE_DIR, OFFICIAL_ARCHIVE_NAME);
  if ((await sizeOf(archivePath)) === OFFICIAL_ARCHIVE_BYTES) log(`Using the archive already downloaded to ${shown(archivePath)}.`);
  else await download(ARCHIVE_URL, archivePath);
  await verifyArchive(archivePath);

  let tar: Buffer;
  try {
    tar = await promisify(gunzip)(await readFile(archivePath));
  } catch (error) {
    await rm(archivePath, { force: true });
    throw new PrepareError(`${shown(archivePath)} passed its checksum but could not be decompressed (${error instanceof Error ? error.message : String(error)}); it has been deleted, run the script again.`);
  }
  const members = new Map(readTar(tar, OFFICIAL_ARCHIVE_NAME).map((entry) => [entry.name, entry.bytes]));
  await mkdir(OUT_DIR, { recursive: true });
  for (const name of REQUIRED_FILES) {
    const bytes = members.get(name);
    if (!bytes) throw new PrepareError(`${OFFICIAL_ARCHIVE_NAME} from ${ARCHIVE_URL} has no ${name}: it is not the official archive. ${DOWNLOAD_HELP}`);
    validate(`${OFFICIAL_ARCHIVE_NAME}:${name}`, name, bytes, DOWNLOAD_HELP);
    await writeAtomically(join(OUT_DIR, name), bytes);
  }
  await writeAtomically(join(OUT_DIR, META_FILE), members.get(META_FILE) ?? META_TEXT);
  await writeMarker();
  log(`Extracted ${REQUIRED_FILES.length} batch files.`);
}

/** Files present without a marker (e.g. copied by hand): validate them once instead of downloading. */
async function adoptExistingFiles(): Promise<boolean> {
  for (const name of REQUIRED_FILES) if ((await sizeOf(join(OUT_DIR, name))) !== BATCH_FILE_BYTES) return false;
  for (const name of REQUIRED_FILES) {
    const path = join(OUT_DIR, name);
    validate(path, name, await readFile(path), `Delete ${shown(OUT_DIR)} and run the script again.`);
  }
  if ((await sizeOf(join(OUT_DIR, META_FILE))) === null) await writeAtomically(join(OUT_DIR, META_FILE), META_TEXT);
  await writeMarker();
  return true;
}

// ---- the training set's mean image ---------------------------------------------------------------------------

/** Writes mean_image.f32 (meanImageFile.ts) unless one newer than every batch file is there: the app then trains
 *  runs on data_batch_1 while the other files download, with the mean of all 50,000 images. */
async function writeMeanImage(): Promise<void> {
  const meanPath = join(OUT_DIR, MEAN_IMAGE_FILE);
  const meanStat = await stat(meanPath).catch(() => null);
  const newestBatch = Math.max(...(await Promise.all(REQUIRED_FILES.map(async (name) => (await stat(join(OUT_DIR, name))).mtimeMs))));
  if (meanStat?.size === MEAN_IMAGE_FILE_BYTES && meanStat.mtimeMs >= newestBatch) return;
  const files = new Map<string, Uint8Array>();
  for (const name of REQUIRED_FILES) files.set(name, await readFile(join(OUT_DIR, name)));
  await writeAtomically(meanPath, encodeMeanImage(computeMeanImage(assembleDataset(files).train)));
  log(`Wrote the training images' mean image to ${shown(meanPath)}.`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const sourceDir = env('CIFAR10_DIR');
  if (sourceDir) await copyFromDirectory(resolve(sourceDir));
  else if (!(await alreadyPrepared()) && !(await adoptExistingFiles())) await downloadAndExtract();
  await writeMeanImage();
  log(`CIFAR-10 ready in ${shown(OUT_DIR)} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
}

main().catch((error: unknown) => {
  if (error instanceof PrepareError || error instanceof DataFormatError) {
    log(`prepare-data: ${error.message}`);
  } else {
    log('prepare-data failed unexpectedly (this is a bug, please report it):');
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exitCode = 1;
});
