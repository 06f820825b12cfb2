// Which runs can train before the whole dataset has arrived. The served files come data_batch_1 and test_batch
// first (served.ts), so for a while the worker holds the first 10,000 training images and all 10,000 test
// images. A run may start on them only if it would use exactly the same images with the whole set loaded:
// a training subset that fits (trainSubset takes the FIRST N training images, holdout.ts) and no validation
// split (its images are the LAST 5,000 of the 50,000). Every other run waits: a run never trains on fewer
// images than its config asks for.
import type { TrainConfig } from '../config';
import type { DataAvailable, DataStatus } from '../protocol';

export function runFitsLoadedImages(config: Pick<TrainConfig, 'trainSubset' | 'validationSplit'>, available: DataAvailable): boolean {
  return !config.validationSplit && config.trainSubset !== null && config.trainSubset <= available.trainImages;
}

/** Whether a run of `config` can start on the data the status describes: all of it, or a part that fits. */
export function dataAllowsRun(data: DataStatus, config: Pick<TrainConfig, 'trainSubset' | 'validationSplit'>): boolean {
  if (data.state === 'ready') return true;
  return data.state === 'loading' && data.available !== undefined && runFitsLoadedImages(config, data.available);
}

/** Whether any run can start now (the whole dataset, or the first part of it). */
export function dataAllowsSomeRuns(data: DataStatus): boolean {
  return data.state === 'ready' || (data.state === 'loading' && data.available !== undefined);
}
