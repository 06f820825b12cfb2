import { describe, expect, it } from 'vitest';
import type { DataStatus } from '../protocol';
import { dataAllowsRun, dataAllowsSomeRuns } from './availability';

const firstPart: DataStatus = { state: 'loading', message: '', progress: 0.4, available: { trainImages: 10_000, testImages: 10_000 } };
const downloading: DataStatus = { state: 'loading', message: '', progress: 0.1 };
const ready: DataStatus = { state: 'ready', source: 'served', trainImages: 50_000, testImages: 10_000 };

describe('which runs the loaded images allow', () => {
  it('lets a run on a subset that fits in the first part start, never one that needs more', () => {
    expect(dataAllowsRun(firstPart, { trainSubset: 64, validationSplit: false })).toBe(true);
    expect(dataAllowsRun(firstPart, { trainSubset: 10_000, validationSplit: false })).toBe(true);
    expect(dataAllowsRun(firstPart, { trainSubset: 10_001, validationSplit: false })).toBe(false);
    expect(dataAllowsRun(firstPart, { trainSubset: null, validationSplit: false })).toBe(false);
    // The validation images are the last 5,000 of the 50,000.
    expect(dataAllowsRun(firstPart, { trainSubset: 64, validationSplit: true })).toBe(false);
  });

  it('lets nothing start before the first part, and everything once the whole set is here', () => {
    expect(dataAllowsRun(downloading, { trainSubset: 64, validationSplit: false })).toBe(false);
    expect(dataAllowsSomeRuns(downloading)).toBe(false);
    expect(dataAllowsSomeRuns(firstPart)).toBe(true);
    expect(dataAllowsRun(ready, { trainSubset: null, validationSplit: true })).toBe(true);
  });
});
