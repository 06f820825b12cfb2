// The learning-rate schedule and the run's length, as small pure functions.
import { LR_DROP_FRACTIONS } from '../config';

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
