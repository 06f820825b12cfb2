import type { Ref } from 'react';
import { modelName } from '../config';
import { formatDuration } from '../components/format';
import type { MeasuredSpeed } from '../engine/wallTime';
import type { FirstVisitActions } from './FirstVisit';
import { EXPERIMENT_TITLES, FINDING_TITLES, FINDINGS_OF } from './proposalFindings';
import type { Proposal } from './sizeExperiment';

/** The proposal: what will train, how long it takes here, and what it can and cannot show, from the reference. */
export function ProposalCard({
  proposal,
  budgetMinutes,
  speeds,
  actions,
  dataReady,
  headingRef,
}: {
  proposal: Proposal;
  budgetMinutes: number;
  speeds: Record<number, MeasuredSpeed>;
  actions: FirstVisitActions;
  /** While CIFAR-10 downloads, "Run it" queues the runs and says they wait for it. */
  dataReady: boolean;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const names = proposal.configs.map((config) => modelName(config.model).replace(' (option A)', ''));
  const findings = proposal.findings.filter((finding) => FINDINGS_OF[proposal.experiment].includes(finding.id));
  const measured = Object.entries(speeds)
    .map(([depth, speed]) => `plain-${depth} ${(speed.msPerStep / 1000).toFixed(2)} s per step of 128 images`)
    .join(', ');
  return (
    <div className="first-visit-result" data-testid="first-visit-proposal">
      <h3 ref={headingRef} tabIndex={-1}>
        In {budgetMinutes} minutes here: {EXPERIMENT_TITLES[proposal.experiment]} at {proposal.epochs} {proposal.epochs === 1 ? 'epoch' : 'epochs'}
      </h3>
      <p>
        {names.join(', ')}, one after another, on all 50,000 training images with the paper's recipe (§4.2: batch 128, lr 0.1 ÷10 at 50% and
        75% of the run): about <strong>{formatDuration(proposal.seconds)}</strong> in all. Measured here: {measured}.
      </p>
      <ul className="expected-findings">
        {findings.map((finding) => (
          <li key={finding.id} className={finding.expected ? 'expected' : 'not-expected'}>
            <span aria-hidden="true">{finding.expected ? '✔' : '✗'}</span> <strong>{FINDING_TITLES[finding.id]}</strong>:{' '}
            {finding.expected ? 'should show. ' : 'will not show at this length. '}
            {finding.evidence}
          </li>
        ))}
      </ul>
      {dataReady ? null : (
        <p className="first-visit-wait" data-testid="proposal-data-wait">
          CIFAR-10 is still downloading: “Run it” queues the runs now, and they start once the download has finished.
        </p>
      )}
      <div className="first-visit-buttons">
        <button type="button" className="primary big" onClick={() => actions.run(proposal, budgetMinutes)}>
          Run it (about {formatDuration(proposal.seconds)})
        </button>
        <button type="button" className="link-button" onClick={() => actions.openControls(proposal)}>
          Change it in the full controls
        </button>
      </div>
    </div>
  );
}
