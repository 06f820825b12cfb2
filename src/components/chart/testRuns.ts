// Runs shaped as the trainer records them, for the chart's unit tests: a training point every `trainEvery`
// iterations, a test point at the end of each epoch, the §4.2 drops at 50% and 75%.
import { presetById, type ModelConfig, type TrainConfig } from '../../config';
import { lrDropIterations, runLength } from '../../engine/schedule';
import type { Run } from '../../state/appState';

export interface TestRunOptions {
  model: Partial<ModelConfig>;
  /** The preset the settings start from ('micro', 'short', 'paper', …). */
  preset?: string;
  config?: Partial<TrainConfig>;
  /** Iterations trained so far (default: the whole run). */
  trained?: number;
  trainEvery?: number;
}

/** A run on the full CIFAR-10 (50k/10k) unless the preset takes a subset. */
export function testRun(id: string, { model, preset = 'micro', config = {}, trained, trainEvery = 1 }: TestRunOptions): Run {
  const base = presetById(preset).config;
  const full: TrainConfig = { ...base, ...config, model: { ...base.model, ...model } };
  const length = runLength(full, 50_000, 10_000);
  const done = trained ?? length.totalIterations;
  const train = [];
  for (let i = trainEvery; i <= done; i += trainEvery) {
    train.push({ iteration: i, epoch: i / length.iterationsPerEpoch, trainError: 90 - (60 * i) / length.totalIterations, trainLoss: 2.3 - i / length.totalIterations, learningRate: full.learningRate });
  }
  const test = length.evaluationIterations
    .filter((i) => i <= done)
    .map((i) => ({ iteration: i, epoch: i / length.iterationsPerEpoch, testError: 85 - (50 * i) / length.totalIterations, testLoss: 2.2 - i / length.totalIterations }));
  return {
    id,
    config: full,
    state: done === length.totalIterations ? 'finished' : 'running',
    createdAt: 0,
    iterationsPerEpoch: length.iterationsPerEpoch,
    totalIterations: length.totalIterations,
    lrDropIterations: lrDropIterations(length.totalIterations),
    train,
    test,
  };
}
