// A run's expected wall time from a speed measured on this device (speedProbe.ts) and the run's length
// (runLength, the same numbers the trainer uses): training steps plus every evaluation pass.
import type { TrainConfig } from '../config';
import { runLength } from './schedule';

export interface MeasuredSpeed {
  /** ms per training step at the config's batch size. */
  msPerStep: number;
  /** ms per evaluated image. */
  msPerEvalImage: number;
}

/** Seconds: totalIterations x msPerStep + evaluations x evalImages x msPerEvalImage. Pauses are not included. */
export function expectedSeconds(
  config: TrainConfig,
  availableTrainImages: number,
  availableTestImages: number,
  speed: MeasuredSpeed,
): number {
  const length = runLength(config, availableTrainImages, availableTestImages);
  const trainingMs = length.totalIterations * speed.msPerStep;
  const evaluationMs = length.evaluationIterations.length * length.evalImages * speed.msPerEvalImage;
  return (trainingMs + evaluationMs) / 1000;
}
