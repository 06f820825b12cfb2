// The learning-rate schedule and the run's length, as small pure functions.
import {
  LR_DROP_FRACTIONS,
  PAPER_ITERATIONS,
  VALIDATION_IMAGES,
  WARMUP_END_TRAIN_ERROR_PERCENT,
  WARMUP_LR_DIVISOR,
  type TrainConfig,
} from '../config';

/** Steps per epoch. The last partial batch is dropped so every step has the same shape (shaders compile once). */
export function iterationsPerEpoch(trainImages: number, batchSize: number): number {
  return Math.floor(trainImages / batchSize);
}

/** Iterations at which the learning rate is divided by 10. §4.2: 32k and 48k of 64k, i.e. 50% and 75%. */
export function lrDropIterations(totalIterations: number): number[] {
  return LR_DROP_FRACTIONS.map((fraction) => Math.round(fraction * totalIterations));
}

/** Learning rate for the step with 0-based index `iteration`: base, base/10 from the first drop, base/100 from the second. */
export function learningRateAt(iteration: number, totalIterations: number, baseLearningRate: number): number {
  const dropsPassed = lrDropIterations(totalIterations).filter((drop) => iteration >= drop).length;
  return baseLearningRate / 10 ** dropsPassed;
}

/** 1-based iteration counts after which the test set is evaluated: evalsPerEpoch evenly spaced points per epoch. */
export function evaluationIterations(perEpoch: number, epochs: number, evalsPerEpoch: number): Set<number> {
  const points = new Set<number>();
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let k = 1; k <= evalsPerEpoch; k++) {
      points.add(epoch * perEpoch + Math.max(1, Math.round((k * perEpoch) / evalsPerEpoch)));
    }
  }
  return points;
}

/** Learning rate during §4.2's ResNet-110 warm-up: 0.01 for the paper's 0.1. */
export function warmupLearningRate(baseLearningRate: number): number {
  return baseLearningRate / WARMUP_LR_DIVISOR;
}

/** §4.2: the warm-up ends once the training error (%) is below 80%. */
export function warmupIsOver(trainErrorPercent: number): boolean {
  return trainErrorPercent < WARMUP_END_TRAIN_ERROR_PERCENT;
}

/** Everything about a run's length, for the trainer and for wall-time estimates alike. */
export interface RunLength {
  /** Images the run samples its batches from. */
  trainImages: number;
  /** Images of each evaluation (test images, or held-out validation images). */
  evalImages: number;
  evaluatedOn: 'test' | 'validation';
  iterationsPerEpoch: number;
  totalIterations: number;
  /** Step indices from which the learning rate is divided by 10 (§4.2: 32k and 48k of 64k). */
  lrDropIterations: number[];
  /** 1-based iteration counts after which the evaluation images are evaluated, ascending; the last iteration
   *  is always one of them. */
  evaluationIterations: number[];
}

/**
 * The run's length for a dataset of `availableTrainImages` training and `availableTestImages` test images.
 * With validationSplit the last VALIDATION_IMAGES training images are held out for evaluation (on the official
 * 50,000: train on 0..44,999, evaluate on 45,000..49,999, §4.2's 45k/5k split). 'paper' runs PAPER_ITERATIONS
 * steps whatever the epochs; 'quick' runs `epochs` passes. Either way the drops fall at 50% / 75%.
 */
export function runLength(config: TrainConfig, availableTrainImages: number, availableTestImages: number): RunLength {
  const trainPool = config.validationSplit ? Math.max(0, availableTrainImages - VALIDATION_IMAGES) : availableTrainImages;
  const evalPool = config.validationSplit ? Math.min(VALIDATION_IMAGES, availableTrainImages) : availableTestImages;
  const trainImages = Math.min(config.trainSubset ?? trainPool, trainPool);
  const evalImages = Math.min(config.testSubset ?? evalPool, evalPool);
  const perEpoch = iterationsPerEpoch(trainImages, config.batchSize);
  // Not one full batch: nothing to train (validation normally refuses such a config first).
  const totalIterations = perEpoch === 0 ? 0 : config.schedule === 'paper' ? PAPER_ITERATIONS : perEpoch * config.epochs;
  const epochsTouched = perEpoch === 0 ? 0 : Math.ceil(totalIterations / perEpoch);
  const points = [...evaluationIterations(perEpoch, epochsTouched, config.evalsPerEpoch)].filter((i) => i <= totalIterations);
  if (totalIterations > 0) points.push(totalIterations);
  return {
    trainImages,
    evalImages,
    evaluatedOn: config.validationSplit ? 'validation' : 'test',
    iterationsPerEpoch: perEpoch,
    totalIterations,
    lrDropIterations: lrDropIterations(totalIterations),
    evaluationIterations: [...new Set(points)].sort((a, b) => a - b),
  };
}
