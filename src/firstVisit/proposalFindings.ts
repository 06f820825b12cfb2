// The findings a first-visit proposal speaks about, and their names as the proposal and its tracker show them.
import type { FindingId } from '../state/verdict';
import type { ProposedExperiment } from './sizeExperiment';

export const FINDING_TITLES: Record<FindingId, string> = {
  degradation: 'The degradation problem: plain-56 trains worse than plain-20',
  rescue: 'The residual fix: ResNet-56 trains better than plain-56',
  deeperHelps: 'Deeper helps with shortcuts: ResNet-56 beats ResNet-20',
};

/** Which findings an experiment's networks can speak to at all: the degradation pair has no ResNets. */
export const FINDINGS_OF: Record<ProposedExperiment, FindingId[]> = {
  figure6: ['degradation', 'rescue', 'deeperHelps'],
  degradation: ['degradation'],
};

export const EXPERIMENT_TITLES: Record<ProposedExperiment, string> = {
  figure6: 'Figure 6',
  degradation: 'The degradation pair (Fig. 1)',
};
