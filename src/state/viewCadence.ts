// How often the page's views see the worker's stream of progress. A training run reports progress many times a
// second (faster on a real GPU); re-rendering the page on each report made it jank (issue 20, finding 2: frames
// of 0.4-1.7 s while a micro experiment trained). A person reads a status or a curve a few times a second at most,
// so views are told about these reports at most every VIEW_INTERVAL_MS; everything else (the user's actions, a run
// starting or ending, the dataset becoming ready) reaches them at once.
import type { Action } from './reducer';

/** At most four view updates a second for the progress stream. */
export const VIEW_INTERVAL_MS = 250;

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
