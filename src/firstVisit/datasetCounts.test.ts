import { describe, expect, it } from 'vitest';
import { datasetCounts } from './datasetCounts';

describe('datasetCounts (sizing while CIFAR-10 downloads)', () => {
  it('uses the served counts once the data is ready', () => {
    expect(datasetCounts({ state: 'ready', source: 'served', trainImages: 1000, testImages: 200 } as never)).toEqual({ trainImages: 1000, testImages: 200 });
  });
  it('uses the official 50,000 / 10,000 while the download runs, so the proposal need not wait for it', () => {
    expect(datasetCounts({ state: 'loading', message: 'Downloading', progress: 0.3 })).toEqual({ trainImages: 50_000, testImages: 10_000 });
    expect(datasetCounts({ state: 'unknown' })).toEqual({ trainImages: 50_000, testImages: 10_000 });
    // The first file alone (10,000 images) serves micro runs; the proposal is sized for the whole set.
    expect(datasetCounts({ state: 'loading', message: 'Downloading', progress: 0.2, available: { trainImages: 10_000, testImages: 10_000 } })).toEqual({
      trainImages: 50_000,
      testImages: 10_000,
    });
  });
});
