// Finds, loads and keeps CIFAR-10 in the worker, and reports each step to the UI as a DataStatus.
// Order: this browser's cache (files the user loaded before), then the files the server prepared, else ask.
// A failed load never replaces a dataset that is already loaded.
import { readUserFiles } from '../data/archive';
import type { CifarDataset } from '../data/cifarFormat';
import { assembleDataset } from '../data/cifarParser';
import { loadDatasetFromCache, saveDatasetToCache } from '../data/datasetCache';
import { computeMeanImage } from '../data/meanImage';
import { fetchServedFiles } from '../data/served';
import type { DataSource, DataStatus, WorkerEvent } from '../protocol';
import type { TrainingData } from './trainer';

export class DatasetHolder {
  private data: TrainingData | null = null;
  private status: DataStatus = { state: 'unknown' };

  constructor(private readonly post: (event: WorkerEvent) => void) {}

  trainingData(): TrainingData | null {
    return this.data;
  }

  async loadInitial(dataUrl: string): Promise<void> {
    try {
      this.report({ state: 'loading', message: 'Looking for CIFAR-10 in this browser’s cache…', progress: null });
      const cached = await loadDatasetFromCache();
      if (cached) return this.use(cached, 'browser-cache');

      this.report({ state: 'loading', message: 'Loading CIFAR-10 from the server…', progress: 0 });
      const files = await fetchServedFiles(dataUrl, (fraction, message) =>
        this.report({ state: 'loading', message, progress: fraction }),
      );
      if (files) return this.use(assembleDataset(files), 'served');
      this.report({
        state: 'missing',
        message:
          'CIFAR-10 is not on this server. Load the official cifar-10-binary.tar.gz (or its .bin files) from your disk.',
      });
    } catch (error) {
      this.fail(error);
    }
  }

  async loadUserFiles(files: File[]): Promise<void> {
    const previous = this.status;
    try {
      this.report({ state: 'loading', message: `Reading ${files.map((f) => f.name).join(', ')}…`, progress: 0 });
      // The raw contents go out of scope here, before caching makes another copy (memory: ~184 MB each).
      const dataset = assembleDataset(
        await readUserFiles(files, (fraction, message) => this.report({ state: 'loading', message, progress: fraction })),
      );
      this.report({ state: 'loading', message: 'Saving CIFAR-10 in this browser for next time…', progress: null });
      const cached = await saveDatasetToCache(dataset);
      this.use(dataset, 'user-files');
      if (!cached) {
        this.post({
          type: 'error',
          scope: 'data',
          message: 'CIFAR-10 is loaded, but this browser would not keep a copy (storage full, or private mode): after a reload you will need to load the files again.',
        });
      }
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

  private use(dataset: CifarDataset, source: DataSource): void {
    this.data = { train: dataset.train, test: dataset.test, meanImage: computeMeanImage(dataset.train) };
    this.report({ state: 'ready', source, trainImages: dataset.train.count, testImages: dataset.test.count });
  }

  private fail(error: unknown): void {
    this.report({ state: 'error', message: describe(error) });
  }

  private report(status: DataStatus): void {
    this.status = status;
    this.post({ type: 'data', status });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
