import { useMemo } from 'react';
import { useSteadyVerdict } from '../components/useSteadyVerdict';
import { useAppState } from '../state/appContext';
import { EXPERIMENT_TITLES } from './proposalFindings';
import { tickOff, type TickState } from './proposalTickOff';
import { proposalFocus, type TrackedProposal } from './trackedProposal';

const MARK: Record<TickState, string> = { waiting: '…', notYet: '…', seen: '✔', notSeen: '✗' };

/** The first-visit proposal after "Run it": what it promised, each promise ticked off (or not) as the verdict
 *  decides about the proposal's own pair, while its runs train and after. */
export function ProposalTracker({ tracked, onClose }: { tracked: TrackedProposal; onClose: () => void }) {
  const runs = useAppState((state) => state.runs);
  const focus = useMemo(() => proposalFocus(tracked), [tracked]);
  const ticks = tickOff(tracked, useSteadyVerdict(runs, focus), runs);
  // Announced when an outcome changes (at a test evaluation), not each time a number in the detail moves.
  const outcomes = ticks.map((tick) => `${tick.title.split(':')[0]}: ${tick.outcome}.`).join(' ');
  return (
    <section className="proposal-tracker" aria-labelledby="proposal-tracker-title" data-testid="proposal-tracker">
      <h2 id="proposal-tracker-title" tabIndex={-1}>
        Your {tracked.budgetMinutes}-minute proposal: {EXPERIMENT_TITLES[tracked.experiment]} at {tracked.epochs} {tracked.epochs === 1 ? 'epoch' : 'epochs'}
      </h2>
      <ul className="proposal-ticks">
        {ticks.map((tick) => (
          <li key={tick.id} className={`tick tick-${tick.state}`} data-testid="proposal-tick" data-state={tick.state}>
            <span className="tick-mark" aria-hidden="true">
              {MARK[tick.state]}
            </span>{' '}
            <strong>{tick.title}</strong> ({tick.promised ? 'should show' : 'not expected at this length'}): <span className="tick-outcome">{tick.outcome}.</span>{' '}
            <span className="tick-detail">{tick.detail}</span>
          </li>
        ))}
      </ul>
      <p className="proposal-tracker-note">
        The promises come from the PyTorch reference at this length; the verdict judges only these pairs of this proposal's runs.{' '}
        <button type="button" className="link-button" onClick={onClose}>
          Close the proposal
        </button>
      </p>
      <p className="visually-hidden" aria-live="polite">
        {outcomes}
      </p>
    </section>
  );
}
