// What the chart draws from a run, at full resolution (the chart thins long curves; exports do not).
import { debiasedEma } from '../components/smoothing';
import type { Run } from '../state/appState';

/** The smoothed training error per training point, computed exactly as the chart does (in the run's order),
 *  or null when smoothing is off and the chart draws no smoothed curve. */
export function smoothedTrainErrors(run: Run, smoothing: number): number[] | null {
  if (!(smoothing > 0)) return null;
  return debiasedEma(run.train.map((point) => point.trainError), smoothing);
}
