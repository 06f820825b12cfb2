// A first-visit proposal after "Run it": its promises stay on screen while its runs train (issue 20, finding 4),
// kept in localStorage so a reload mid-run still shows what was promised. The verdict judges its runs only, and
// each finding only in the pair the proposal named (PAPER_PAIRS: plain-56 vs plain-20, plain-56 vs ResNet-56,
// ResNet-20 vs ResNet-56), never another pair of the same kind.
import { PAPER_PAIRS, type VerdictFocus } from '../state/verdict';
import type { ExpectedFinding } from './expectedFindings';
import { FINDINGS_OF } from './proposalFindings';
import type { Proposal, ProposedExperiment } from './sizeExperiment';

export interface TrackedProposal {
  /** The experiment id its runs were queued with. */
  experimentId: string;
  experiment: ProposedExperiment;
  epochs: number;
  budgetMinutes: number;
  /** The proposal's promises, only those its networks can speak to. */
  expectations: ExpectedFinding[];
}

export function trackProposal(proposal: Proposal, experimentId: string, budgetMinutes: number): TrackedProposal {
  return {
    experimentId,
    experiment: proposal.experiment,
    epochs: proposal.epochs,
    budgetMinutes,
    expectations: proposal.findings.filter((finding) => FINDINGS_OF[proposal.experiment].includes(finding.id)),
  };
}

export function proposalFocus(tracked: TrackedProposal): VerdictFocus {
  return { experimentId: tracked.experimentId, pairs: Object.fromEntries(tracked.expectations.map((finding) => [finding.id, PAPER_PAIRS[finding.id]])) };
}

const KEY = 'residual-playground.tracked-proposal';

export function loadTrackedProposal(): TrackedProposal | null {
  try {
    const text = localStorage.getItem(KEY);
    const value = text ? (JSON.parse(text) as Partial<TrackedProposal>) : null;
    if (!value || typeof value.experimentId !== 'string' || !Array.isArray(value.expectations) || !value.experiment || !(value.experiment in FINDINGS_OF)) return null;
    // Written by an older or newer page: only findings this page knows (PAPER_PAIRS names their pairs).
    const expectations = value.expectations.filter((finding) => finding && finding.id in PAPER_PAIRS && typeof finding.evidence === 'string');
    return { ...(value as TrackedProposal), expectations };
  } catch {
    return null;
  }
}

export function saveTrackedProposal(tracked: TrackedProposal | null): void {
  try {
    if (tracked) localStorage.setItem(KEY, JSON.stringify(tracked));
    else localStorage.removeItem(KEY);
  } catch {
    // storage blocked: the promise shows until the page is closed
  }
}
