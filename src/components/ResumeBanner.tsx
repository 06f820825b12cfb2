import { useEffect, useId, useRef } from 'react';
import { activeRun } from '../state/appState';
import { useAppState, useServices } from '../state/appContext';
import { displayedRunName } from '../state/runDisplayName';
import { resumeCandidates } from '../state/resumeCandidates';
import { focusStatus } from './focusStatus';

/** At the top of the page (in the status bar): the newest run that ended early and can go on from its
 *  checkpoint, with Resume. After a reload mid-run this is the first thing the user reads, not a row at the
 *  bottom of the run table. */
export function ResumeBanner() {
  const { store } = useServices();
  // resumeCandidates returns the same array while nothing it reads changed, so progress reports do not re-render this.
  const candidates = useAppState(resumeCandidates);
  const textId = useId();
  const banner = useRef<HTMLDivElement>(null);
  // The runs that trained in this page: a run stopped here is not news; one stopped before the page opened is.
  const activeId = useAppState((state) => activeRun(state)?.id);
  const trainedHere = useRef(new Set<string>());
  if (activeId) trainedHere.current.add(activeId);
  const newest = candidates[0]?.run.id;
  // After a reload the browser puts the page back where it was scrolled, often with the status bar just above
  // the window (Train scrolls to it): the banner, added above the status, would be out of sight. A run that
  // stopped before this page opened is brought into view; one stopped here is not (the page must not jump).
  useEffect(() => {
    if (newest === undefined || trainedHere.current.has(newest)) return;
    const box = banner.current?.getBoundingClientRect();
    if (box && box.top < 0) banner.current?.scrollIntoView({ block: 'start' });
  }, [newest]);
  if (candidates.length === 0) return null;
  const [{ run, checkpointIteration }] = candidates;
  const others = candidates.length - 1;
  const resume = () => {
    store.dispatch({ type: 'runResumeRequested', runId: run.id });
    // The banner goes with the press: the keyboard goes to the status, which now says the run is starting.
    focusStatus();
  };
  return (
    <div className="resume-banner" data-testid="resume-banner" ref={banner}>
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
