import { modelName } from '../config';
import { formatDuration } from '../components/format';
import type { MeasuredSpeed } from '../engine/wallTime';
import type { FindingId } from '../state/verdict';
import type { FirstVisitActions } from './FirstVisit';
import type { Proposal } from './sizeExperiment';

const FINDING_TITLES: Record<FindingId, string> = {
  degradation: 'The degradation problem: plain-56 trains worse than plain-20',
  rescue: 'The residual fix: ResNet-56 trains better than plain-56',
  deeperHelps: 'Deeper helps with shortcuts: ResNet-56 beats ResNet-20',
};

/** Which findings an experiment's networks can speak to at all: the degradation pair has no ResNets. */
const FINDINGS_OF: Record<Proposal['experiment'], FindingId[]> = {
  figure6: ['degradation', 'rescue', 'deeperHelps'],
  degradation: ['degradation'],
};

const EXPERIMENT_TITLES: Record<Proposal['experiment'], string> = {
  figure6: 'Figure 6',
  degradation: 'The degradation pair (Fig. 1)',
};

/** The proposal: what will train, how long it takes here, and what it can and cannot show, from the reference. */
export function ProposalCard({
  proposal,
  budgetMinutes,
  speeds,
  actions,
}: {
  proposal: Proposal;
  budgetMinutes: number;
  speeds: Record<number, MeasuredSpeed>;
  actions: FirstVisitActions;
}) {
  const names = proposal.configs.map((config) => modelName(config.model).replace(' (option A)', ''));
  const findings = proposal.findings.filter((finding) => FINDINGS_OF[proposal.experiment].includes(finding.id));
  const measured = Object.entries(speeds)
    .map(([depth, speed]) => `plain-${depth} ${(speed.msPerStep / 1000).toFixed(2)} s per step of 128 images`)
    .join(', ');
  return (
    <div className="first-visit-result" data-testid="first-visit-proposal">
      <h3>
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
      <div className="first-visit-buttons">
        <button type="button" className="primary big" onClick={() => actions.run(proposal)}>
          Run it (about {formatDuration(proposal.seconds)})
        </button>
        <button type="button" className="link-button" onClick={() => actions.openControls(proposal)}>
          Change it in the full controls
        </button>
      </div>
    </div>
  );
}
