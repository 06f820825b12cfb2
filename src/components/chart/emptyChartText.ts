// What the empty chart says. While a run is queued, being built or in its first step the chart has nothing to
// draw yet, and must say what is happening rather than ask for a press of Train that already happened (issue 20,
// finding 5).
import { isActive, isQueued, type Run } from '../../state/appState';
import { displayedRunName } from '../../state/runDisplayName';
import { hasPoints } from '../chartData';

const CURVES = 'the training curve (dashed) appears after its first few steps, the test curve (solid) after its first evaluation';

/** For a chart with no point to draw: the run on its way, or what to press, or that every run is hidden. */
export function emptyChartText(runs: readonly Run[]): string {
  const active = runs.find(isActive);
  if (active) {
    const name = displayedRunName(active);
    if (active.state === 'paused') return `${name} is paused before its first point: its curves appear here once it goes on.`;
    if (active.state === 'starting' || active.phase === 'building') return `Building ${name}: ${CURVES}.`;
    if (active.phase === 'firstStep') return `Training ${name}: the first step is under way (it also prepares the GPU, so it is the slowest); ${CURVES}.`;
    if (active.phase === 'timingKernels') return `Training ${name}: after its first step the GPU times each kernel's candidates for this network, once, and keeps the fastest; ${CURVES}.`;
    return `Training ${name}: ${CURVES}.`;
  }
  const queued = runs.find(isQueued);
  if (queued) return `${displayedRunName(queued)} is queued: its curves appear here once it starts training.`;
  if (runs.some(hasPoints)) return 'Every run is hidden: click a name in the legend to show it again.';
  return 'Press Train (or Run experiment): the training curve (dashed) appears after the first steps, the test curve (solid) after each evaluation.';
}
