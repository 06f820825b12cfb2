// How often the page's views see the worker's stream of progress. A training run reports progress many times a
// second (faster on a real GPU); re-rendering the page on each report made it jank (issue 20, finding 2: frames
// of 0.4-1.7 s while a micro experiment trained). A person reads a status or a curve a few times a second at most,
// so views are told about these reports at most every VIEW_INTERVAL_MS; everything else (the user's actions, a run
// starting or ending, the dataset becoming ready) reaches them at once.
import type { Action } from './reducer';

/** At most two view updates a second for the progress stream: each frame the page changes costs the compositor a
 *  redraw of the window, which on a software GPU sharing the CPU with training takes 50-250 ms, and at four a
 *  second with the chart and diagnostics in their own frames, more than 5% of frames came late (issue 20,
 *  finding 2; docs/benchmarks.md). Twice a second still reads as live for an iteration count, an ETA and a bar. */
export const VIEW_INTERVAL_MS = 500;

/** True for the worker's high-rate reports, which views may see up to VIEW_INTERVAL_MS late. */
export function isHighRate(action: Action): boolean {
  switch (action.type) {
    case 'trainProgress':
    case 'trainTick':
    case 'runPhase':
    case 'evaluationStarted':
    case 'evaluation':
    case 'heartbeat':
    case 'checkpointSaved':
    case 'remoteRunSnapshot':
      return true;
    case 'data':
      // Download progress; 'ready' or an error is shown at once.
      return action.status.state === 'loading';
    default:
      return false;
  }
}
