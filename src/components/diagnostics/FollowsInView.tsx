// A diagnostics panel follows a training run only while it is on screen (issue 20, finding 2: panels out of view
// were re-rendered with every sample). Off screen it keeps the runs it last drew, so its memoised panel skips
// rendering; scrolled back (or within 200 px of the window), it renders once with the latest runs and follows again.
// When nothing trains, every panel shows the latest runs: a change then (an import, a run hidden) is rare, and a
// panel read later without scrolling (a screenshot of the page, a test) is never behind.
import { useRef, type ReactNode } from 'react';
import { useInView } from '../useInView';
import type { ShownRun } from './shownRuns';

interface FollowsInViewProps {
  runs: readonly ShownRun[];
  /** A run is training: off screen, the panel keeps what it drew. */
  training: boolean;
  children: (runs: readonly ShownRun[]) => ReactNode;
}

export function FollowsInView({ runs, training, children }: FollowsInViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const inView = useInView(box);
  const drawn = useRef(runs);
  if (inView || !training) drawn.current = runs;
  return (
    <div ref={box} className="diag-follows" data-in-view={inView}>
      {children(drawn.current)}
    </div>
  );
}
