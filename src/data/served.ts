// Loads the six batch files that `npm run prepare-data` put next to the app (public/data/cifar-10-batches-bin/,
// served at ./data/cifar-10-batches-bin/). The bytes are validated later by assembleDataset().
import { concatChunks, readChunks } from './byteStream';
import { BATCH_FILE_BYTES, DataFormatError, REQUIRED_FILES, TEST_FILE, TRAIN_FILES } from './cifarFormat';
import { decodeMeanImage, MEAN_IMAGE_FILE } from './meanImageFile';
import { formatMegabytes, type ProgressCallback, throttleProgress } from './progress';

const PREPARE = 'Run "npm run prepare-data" where the app is served from, then reload the page.';

/** The order the files are fetched in: the first training file and the test file first, so that runs on a
 *  subset of up to 10,000 training images can start after 61 MB instead of 184 MB (availability.ts); the
 *  training images keep their official order (data_batch_1..5) once assembled. */
export const SERVED_ORDER: readonly string[] = [TRAIN_FILES[0], TEST_FILE, ...TRAIN_FILES.slice(1)];
/** At most this often a progress report goes to the page (ms). */
const PROGRESS_INTERVAL_MS = 100;

/**
 * The six files, keyed by base name, or null when the server does not have the data (the first file is 404,
 * or the server answers with its HTML page instead, as Vite's dev server does for a missing file).
 * Progress is bytes received over the six official sizes (6 x 30,730,000), at most every 100 ms. Files come in
 * SERVED_ORDER; `onFile` hears of each one as it completes (the map holds every file so far). Other failures
 * (network, a later file missing, HTTP errors) throw DataFormatError.
 */
export async function fetchServedFiles(
  baseUrl: string,
  onProgress: ProgressCallback,
  fetchFile: typeof fetch = (input, init) => fetch(input, init),
  onFile: (name: string, filesSoFar: ReadonlyMap<string, Uint8Array>) => void = () => undefined,
  now?: () => number,
): Promise<Map<string, Uint8Array> | null> {
  const report = throttleProgress(onProgress, PROGRESS_INTERVAL_MS, now);
  const totalBytes = REQUIRED_FILES.length * BATCH_FILE_BYTES;
  const base = baseUrl.replace(/\/+$/, '');
  const files = new Map<string, Uint8Array>();
  let receivedBytes = 0;

  for (const [index, name] of SERVED_ORDER.entries()) {
    const url = `${base}/${name}`;
    let response: Response;
    try {
      response = await fetchFile(url);
    } catch (error) {
      throw new DataFormatError(
        name,
        `could not be downloaded from ${url} (${error instanceof Error ? error.message : String(error)})`,
        'Check that the app’s server is still running, then reload the page.',
      );
    }
    const isHtmlFallback = (response.headers.get('content-type') ?? '').startsWith('text/html');
    if (index === 0 && (response.status === 404 || (response.ok && isHtmlFallback))) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok || isHtmlFallback || !response.body) {
      await response.body?.cancel();
      const why = response.ok ? 'the server sent a web page instead' : `HTTP ${response.status}`;
      throw new DataFormatError(name, `is missing from the served data at ${url} (${why})`, PREPARE);
    }

    const chunks: Uint8Array[] = [];
    try {
      for await (const chunk of readChunks(response.body)) {
        chunks.push(chunk);
        receivedBytes += chunk.length;
        report(receivedBytes / totalBytes, `Loading CIFAR-10: ${formatMegabytes(receivedBytes)} of ${formatMegabytes(totalBytes)}`);
      }
    } catch (error) {
      throw new DataFormatError(
        name,
        `was interrupted while downloading from ${url} (${error instanceof Error ? error.message : String(error)})`,
        'Reload the page to try again.',
      );
    }
    files.set(name, concatChunks(chunks));
    onFile(name, files);
  }
  onProgress(1, `Downloaded CIFAR-10 (${formatMegabytes(receivedBytes)})`);
  return files;
}

/** The whole training set's mean image that prepare-data wrote (meanImageFile.ts), or null when the server has
 *  none (an older preparation) or it cannot be read: then runs wait for all the files, as the mean needs them. */
export async function fetchServedMeanImage(baseUrl: string, fetchFile: typeof fetch = (input, init) => fetch(input, init)): Promise<Float32Array | null> {
  try {
    const response = await fetchFile(`${baseUrl.replace(/\/+$/, '')}/${MEAN_IMAGE_FILE}`);
    if (!response.ok || (response.headers.get('content-type') ?? '').startsWith('text/html')) {
      await response.body?.cancel();
      return null;
    }
    return decodeMeanImage(new Uint8Array(await response.arrayBuffer()));
  } catch {
    return null;
  }
}
