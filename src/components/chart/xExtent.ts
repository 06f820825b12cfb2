// How far the x axis reaches: the longest visible run's WHOLE schedule (so the lr drops, the distance to go and
// the paper's end of training show from the first step), or the reference overlay's, or the last point drawn.
import type { ReferenceSet } from '../../reference/referenceCurves';
import type { Run } from '../../state/appState';
import type { XAxisUnit } from '../chartData';

type RunLengthFields = Pick<Run, 'totalIterations' | 'iterationsPerEpoch' | 'train' | 'test'>;

/** The last iteration a run has a point at (an imported run may lack its schedule's length). */
function lastPointIteration(run: RunLengthFields): number {
  return Math.max(0, ...run.train.map((p) => p.iteration), ...run.test.map((p) => p.iteration));
}

/** End of the x axis in iterations: what decides whether the paper's 64k iterations are on it. */
export function axisEndIterations(runs: readonly RunLengthFields[], reference?: ReferenceSet): number {
  return Math.max(
    0,
    ...runs.map((run) => Math.max(run.totalIterations ?? 0, lastPointIteration(run))),
    ...(reference?.runs ?? []).map((run) => run.totalIterations),
  );
}

/** End of the x axis in `unit` (at least `lastX`, the last row drawn; 1 when there is nothing). */
export function axisEnd(runs: readonly RunLengthFields[], reference: ReferenceSet | undefined, unit: XAxisUnit, lastX = 0): number {
  const perEpoch = (iterations: number, iterationsPerEpoch: number | undefined) => (unit === 'iteration' ? iterations : iterations / (iterationsPerEpoch ?? 1));
  const longest = Math.max(
    0,
    ...runs.map((run) => perEpoch(run.totalIterations ?? 0, run.iterationsPerEpoch)),
    ...(reference?.runs ?? []).map((run) => perEpoch(run.totalIterations, run.iterationsPerEpoch)),
  );
  return Math.max(longest, lastX) || 1;
}
