// Each promise of a tracked proposal against what the verdict decides about the proposal's own pair: waiting for
// its runs, seen, not visible yet, or (both runs done) not seen. Pure: the tracker renders what this returns.
import { isActive, isQueued, type Run } from '../state/appState';
import { PAPER_PAIRS, type Finding, type FindingId, type NetworkKind } from '../state/verdict';
import { FINDING_TITLES } from './proposalFindings';
import type { TrackedProposal } from './trackedProposal';

export type TickState = 'waiting' | 'notYet' | 'seen' | 'notSeen';

export interface Tick {
  id: FindingId;
  title: string;
  /** What the proposal promised, from the reference. */
  promised: boolean;
  state: TickState;
  /** The outcome in a few words: "Seen, as promised", "Not visible yet", ... */
  outcome: string;
  /** The verdict's own sentence, or why there is none yet. */
  detail: string;
}

const STATE_WORDS: Record<Run['state'], string> = {
  queued: 'queued',
  starting: 'training now',
  running: 'training now',
  paused: 'paused',
  finished: 'finished',
  stopped: 'stopped',
  failed: 'failed',
};

const kindName = (kind: NetworkKind) => `${kind.blockType === 'plain' ? 'plain' : 'ResNet'}-${kind.depth}`;

function outcomeOf(state: TickState, promised: boolean): string {
  switch (state) {
    case 'waiting':
      return 'Waiting for its runs';
    case 'notYet':
      return 'Not visible yet';
    case 'seen':
      return promised ? 'Seen, as promised' : 'Seen, earlier than the reference suggested';
    case 'notSeen':
      return promised ? 'Not seen in your runs' : 'Not seen, as expected at this length';
  }
}

export function tickOff(tracked: TrackedProposal, findings: readonly Finding[], runs: readonly Run[]): Tick[] {
  return tracked.expectations.map((expectation) => {
    const pair = PAPER_PAIRS[expectation.id];
    const ofPair = (kind: NetworkKind) =>
      runs.filter((run) => run.experimentId === tracked.experimentId && run.config.model.depth === kind.depth && run.config.model.blockType === kind.blockType);
    const pairRuns = [...ofPair(pair.higher), ...ofPair(pair.lower)];
    const pairDone = ofPair(pair.higher).length > 0 && ofPair(pair.lower).length > 0 && pairRuns.every((run) => !isActive(run) && !isQueued(run));
    const finding = findings.find((candidate) => candidate.id === expectation.id);
    const state: TickState =
      !finding || finding.status === 'tooEarly' ? (pairDone && finding ? 'notSeen' : 'waiting') : finding.status === 'shown' ? 'seen' : pairDone ? 'notSeen' : 'notYet';
    // While waiting, say where each run of the pair is, and what the reference promised; after, the verdict's words.
    const whereRuns = [pair.higher, pair.lower].map((kind) => `${kindName(kind)} ${ofPair(kind).length > 0 ? STATE_WORDS[ofPair(kind)[0].state] : 'not on the chart'}`).join(', ');
    const detail = state === 'waiting' ? `${whereRuns}. ${expectation.evidence}` : finding!.text;
    return { id: expectation.id, title: FINDING_TITLES[expectation.id], promised: expectation.expected, state, outcome: outcomeOf(state, expectation.expected), detail };
  });
}
