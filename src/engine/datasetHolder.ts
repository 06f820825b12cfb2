// Finds, loads and keeps CIFAR-10 in the worker, and reports each step to the UI as a DataStatus.
// Order: this browser's cache (a copy kept at an earlier visit), then the files the server prepared, else ask.
// Whatever was downloaded or loaded from the user's files is kept in the cache, so the next visit reads it
// from this browser instead of downloading 184 MB again. While the served files download, the first training
// file and the test file (fetched first) already serve runs on a subset (data/availability.ts).
// A failed load never replaces a dataset that is already loaded.
import { readUserFiles } from '../data/archive';
import { runFitsLoadedImages } from '../data/availability';
import { BATCH_FILE_BYTES, type CifarDataset, type CifarSplit, RECORD_BYTES, TEST_FILE, TRAIN_FILES } from '../data/cifarFormat';
import { assembleDataset, parseBatchFile } from '../data/cifarParser';
import { loadDatasetFromCache, saveDatasetToCache } from '../data/datasetCache';
import { computeMeanImage } from '../data/meanImage';
import { formatMegabytes } from '../data/progress';
import { fetchServedFiles, fetchServedMeanImage } from '../data/served';
import type { TrainConfig } from '../config';
import type { DataAvailable, DataSource, DataStatus, DataStorage, WorkerEvent } from '../protocol';
import type { TrainingData } from './trainer';

/** What the browser's storage holds for one dataset: every image with its label byte, as in the .bin files. */
export function datasetBytes(dataset: CifarDataset): number {
  return (dataset.train.count + dataset.test.count) * RECORD_BYTES;
}

export class DatasetHolder {
  private data: TrainingData | null = null;
  /** While the served files download: data_batch_1 and test_batch, once both are here. */
  private partial: TrainingData | null = null;
  private status: DataStatus = { state: 'unknown' };
  /** The search for a dataset at start-up (cache, then server); runs that need the whole set wait for it. */
  private initialLoad: Promise<void> = Promise.resolve();

  constructor(
    private readonly post: (event: WorkerEvent) => void,
    private readonly fetchFile: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** The whole dataset, or null until it is loaded. */
  trainingData(): TrainingData | null {
    return this.data;
  }

  /** The data a run of `config` trains on: the whole set, or while it downloads the first part if the run's
   *  images are all in it; otherwise waits for the start-up load to end. Null when there is no dataset. */
  async trainingDataFor(config: Pick<TrainConfig, 'trainSubset' | 'validationSplit'>): Promise<TrainingData | null> {
    const usable = () => this.data ?? (this.partial && runFitsLoadedImages(config, availableIn(this.partial)) ? this.partial : null);
    for (;;) {
      const data = usable();
      if (data) return data;
      const loadEnded = await Promise.race([this.initialLoad.then(() => true), this.arrival.then(() => false)]);
      if (loadEnded) return usable();
    }
  }

  /** Resolves when the first part or a whole dataset arrives (then a new one is made for the next arrival). */
  private arrived: () => void = () => undefined; // (declared first: the next line's initializer replaces it)
  private arrival: Promise<void> = new Promise((resolve) => (this.arrived = resolve));

  private announceArrival(): void {
    const arrived = this.arrived;
    this.arrival = new Promise((resolve) => (this.arrived = resolve));
    arrived();
  }

  loadInitial(dataUrl: string): Promise<void> {
    this.initialLoad = this.findInitial(dataUrl);
    return this.initialLoad;
  }

  private async findInitial(dataUrl: string): Promise<void> {
    try {
      this.report({ state: 'loading', message: 'Looking for CIFAR-10 in this browser’s cache…', progress: null });
      const cached = await loadDatasetFromCache();
      if (cached) {
        this.use(cached, 'browser-cache', { state: 'kept', bytes: datasetBytes(cached) });
        return;
      }

      this.report({ state: 'loading', message: 'Loading CIFAR-10 from the server…', progress: 0 });
      const served = await this.downloadServed(dataUrl);
      if (this.data) return; // the user loaded files meanwhile: theirs stay
      if (served) return await this.useAndKeep(served, 'served');
      this.report({
        state: 'missing',
        message:
          'CIFAR-10 is not on this server. Load the official cifar-10-binary.tar.gz (or its .bin files) from your disk.',
      });
    } catch (error) {
      this.fail(error);
    }
  }

  /** The served dataset, or null when the server has none. The downloaded files go out of scope on return,
   *  before the dataset is cached (memory: ~184 MB each copy). */
  private async downloadServed(dataUrl: string): Promise<CifarDataset | null> {
    // Without the whole set's mean image (12 KB), a run on the first part would subtract another mean than the
    // same run on the whole set: then nothing starts before every file is here.
    const meanImage = await fetchServedMeanImage(dataUrl, this.fetchFile);
    const files = await fetchServedFiles(
      dataUrl,
      (fraction, message) => this.reportDownload(fraction, message),
      this.fetchFile,
      (_name, soFar) => {
        if (meanImage) this.offerFirstPart(soFar, meanImage);
      },
    );
    return files ? assembleDataset(files) : null;
  }

  /** Once data_batch_1 and test_batch are here, runs on up to their 10,000 training images can start, with
   *  `meanImage`, the mean of all 50,000 training images (§4.2), as every run on the whole set has. */
  private offerFirstPart(files: ReadonlyMap<string, Uint8Array>, meanImage: Float32Array): void {
    const trainFile = files.get(TRAIN_FILES[0]);
    const testFile = files.get(TEST_FILE);
    if (this.partial || this.data || !trainFile || !testFile) return;
    let train: CifarSplit;
    let test: CifarSplit;
    try {
      train = parseBatchFile(TRAIN_FILES[0], trainFile);
      test = parseBatchFile(TEST_FILE, testFile);
    } catch {
      return; // assembleDataset names the broken file once every file is here
    }
    this.partial = { train, test, meanImage };
    this.announceArrival();
    // Said at once, not at the next progress report (those come at most every 100 ms).
    const received = [...files.values()].reduce((sum, bytes) => sum + bytes.length, 0);
    this.reportDownload(received / SERVED_BYTES, `Loading CIFAR-10: ${formatMegabytes(received)} of ${formatMegabytes(SERVED_BYTES)}`);
  }

  private reportDownload(fraction: number, message: string): void {
    if (this.data) return; // files the user loaded meanwhile are in use; their status stands
    const totalBytes = SERVED_BYTES;
    const available = this.partial ? availableIn(this.partial) : undefined;
    const note = available
      ? `. The first ${available.trainImages.toLocaleString('en-US')} training images are here: the micro demo can start; full-size runs wait for the rest.`
      : '';
    this.report({
      state: 'loading',
      message: `${message}${note}`,
      progress: fraction,
      receivedBytes: Math.round(fraction * totalBytes),
      totalBytes,
      ...(available ? { available } : {}),
    });
  }

  async loadUserFiles(files: File[]): Promise<void> {
    const previous = this.status;
    try {
      this.report({ state: 'loading', message: `Reading ${files.map((f) => f.name).join(', ')}…`, progress: 0 });
      // The raw contents go out of scope here, before caching makes another copy (memory: ~184 MB each).
      const dataset = assembleDataset(
        await readUserFiles(files, (fraction, message) => this.report({ state: 'loading', message, progress: fraction })),
      );
      await this.useAndKeep(dataset, 'user-files');
    } catch (error) {
      if (this.data && previous.state === 'ready') {
        // Keep the dataset the user already has; say what was wrong with the new files.
        this.report(previous);
        this.post({ type: 'error', scope: 'data', message: describe(error) });
      } else {
        this.fail(error);
      }
    }
  }

  /** Trains from `dataset` at once, and meanwhile writes it to this browser's storage for the next visit. */
  private async useAndKeep(dataset: CifarDataset, source: DataSource): Promise<void> {
    const bytes = datasetBytes(dataset);
    const data = this.use(dataset, source, { state: 'saving', bytes });
    const kept = await saveDatasetToCache(dataset);
    if (this.data !== data) return; // another dataset was loaded meanwhile: its own status stands
    if (kept) return void this.report({ ...readyStatus(dataset, source), storage: { state: 'kept', bytes } });
    const reason = 'this browser would not keep a copy (its storage is full, or this is a private window)';
    this.report({ ...readyStatus(dataset, source), storage: { state: 'not-kept', bytes, reason } });
    const again = source === 'served' ? `the next visit downloads its ${formatMegabytes(bytes)} again` : 'after a reload you will need to load the files again';
    this.post({ type: 'error', scope: 'data', message: `CIFAR-10 is loaded and training works, but ${reason}: ${again}.` });
  }

  private use(dataset: CifarDataset, source: DataSource, storage: DataStorage): TrainingData {
    const data = { train: dataset.train, test: dataset.test, meanImage: computeMeanImage(dataset.train) };
    this.data = data;
    this.partial = null;
    this.announceArrival();
    this.report({ ...readyStatus(dataset, source), storage });
    return data;
  }

  private fail(error: unknown): void {
    this.report({ state: 'error', message: describe(error) });
  }

  private report(status: DataStatus): void {
    this.status = status;
    this.post({ type: 'data', status });
  }
}


/** The six served files (6 x 30,730,000 bytes). */
const SERVED_BYTES = (TRAIN_FILES.length + 1) * BATCH_FILE_BYTES;

function readyStatus(dataset: CifarDataset, source: DataSource): Extract<DataStatus, { state: 'ready' }> {
  return { state: 'ready', source, trainImages: dataset.train.count, testImages: dataset.test.count };
}

function availableIn(data: TrainingData): DataAvailable {
  return { trainImages: data.train.count, testImages: data.test.count };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
