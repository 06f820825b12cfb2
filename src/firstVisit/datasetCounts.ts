// The image counts the first-visit sizing uses. The speed probe times synthetic batches, so the page can measure
// and propose while CIFAR-10 still downloads; the proposal then needs only the counts the served dataset will
// have: the data status's own counts when it gives them, else CIFAR-10's official split (what the page serves).
import type { DataStatus } from '../protocol';

/** CIFAR-10's official split (Krizhevsky 2009; the binary archive's data_batch_1..5 and test_batch). */
export const CIFAR10_TRAIN_IMAGES = 50_000;
export const CIFAR10_TEST_IMAGES = 10_000;

export function datasetCounts(data: DataStatus): { trainImages: number; testImages: number } {
  // Only the finished dataset's counts: a download's `available` counts (the first file, for micro runs) are
  // not what a full-size proposal trains on.
  const counts = data as Partial<Record<'trainImages' | 'testImages', unknown>>;
  const known = (value: unknown, fallback: number) => (typeof value === 'number' && value > 0 ? value : fallback);
  return { trainImages: known(counts.trainImages, CIFAR10_TRAIN_IMAGES), testImages: known(counts.testImages, CIFAR10_TEST_IMAGES) };
}
