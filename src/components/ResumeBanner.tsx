import { useId, useMemo } from 'react';
import { useAppState, useServices } from '../state/appContext';
import { displayedRunName } from '../state/runDisplayName';
import { resumeCandidates } from '../state/resumeCandidates';
import { focusStatus } from './focusStatus';

/** At the top of the page (in the status bar): the newest run that ended early and can go on from its
 *  checkpoint, with Resume. After a reload mid-run this is the first thing the user reads, not a row at the
 *  bottom of the run table. */
export function ResumeBanner() {
  const { store } = useServices();
  // Slices, not the list: a selector must return the same value for the same state (a new array each time
  // would re-render without end).
  const runs = useAppState((state) => state.runs);
  const checkpoints = useAppState((state) => state.checkpoints);
  const remoteRunId = useAppState((state) => state.remoteRunId);
  const candidates = useMemo(() => resumeCandidates({ runs, checkpoints, remoteRunId }), [runs, checkpoints, remoteRunId]);
  const textId = useId();
  if (candidates.length === 0) return null;
  const [{ run, checkpointIteration }] = candidates;
  const others = candidates.length - 1;
  const resume = () => {
    store.dispatch({ type: 'runResumeRequested', runId: run.id });
    // The banner goes with the press: the keyboard goes to the status, which now says the run is starting.
    focusStatus();
  };
  return (
    <div className="resume-banner" data-testid="resume-banner">
      <p id={textId}>
        <strong>{displayedRunName(run)}</strong>
        {run.message ? `: ${run.message}` : ` ${run.state === 'failed' ? 'failed' : 'stopped'} before its end.`} Its checkpoint at iteration{' '}
        {checkpointIteration.toLocaleString('en-US')} is kept, so it can go on from there instead of starting over.
        {others > 0 ? ` ${others === 1 ? 'One more run' : `${others} more runs`} can be resumed from the run list below.` : ''}
      </p>
      <button type="button" className="primary" aria-describedby={textId} onClick={resume}>
        Resume
      </button>
    </div>
  );
}
