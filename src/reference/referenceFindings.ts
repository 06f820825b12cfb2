// The paper's three CIFAR-10 findings (§4.2, Fig. 6) as the bundled PyTorch reference curves show them at the end
// of their run: what a visitor without a GPU can read instead of training. Always worded as the reference's, never
// as this browser's: these curves were measured elsewhere (README.md here).
import { clearGap } from '../firstVisit/expectedFindings';
import type { Finding, FindingId } from '../state/verdict';
import { PAPER_PAIRS, type NetworkKind } from '../state/verdict';
import { referenceRunName, type ReferenceRun, type ReferenceSet } from './referenceCurves';

const pct = (value: number) => `${value.toFixed(1)}%`;

function runOf(set: ReferenceSet, kind: NetworkKind): ReferenceRun | undefined {
  return set.runs.find((run) => run.depth === kind.depth && run.blockType === kind.blockType);
}

const finalTrainError = (run: ReferenceRun) => run.epochs[run.epochs.length - 1].trainError;

/** What each finding's pair shows, in the words the verdict card uses for a run of this browser's. */
const WORDS: Record<FindingId, { shown: string; notShown: string }> = {
  degradation: { shown: 'the degradation problem', notShown: 'no degradation at this length' },
  rescue: { shown: 'the residual fix', notShown: 'no residual fix at this length' },
  deeperHelps: { shown: 'deeper helps with shortcuts', notShown: 'deeper does not help yet at this length' },
};

/** The findings the reference set shows at its last epoch; a finding counts as shown when its gap is clear
 *  (expectedFindings.ts: at least 2 points and 10% of the larger error), as the first-visit proposal judges it. */
export function referenceFindings(set: ReferenceSet): Finding[] {
  const found: Finding[] = [];
  for (const id of Object.keys(PAPER_PAIRS) as FindingId[]) {
    const higher = runOf(set, PAPER_PAIRS[id].higher);
    const lower = runOf(set, PAPER_PAIRS[id].lower);
    if (!higher || !lower) continue;
    const [higherError, lowerError] = [finalTrainError(higher), finalTrainError(lower)];
    const shown = clearGap(higherError, lowerError);
    const epochs = higher.epochs[higher.epochs.length - 1].epoch;
    const [above, below] = higherError >= lowerError ? [higher, lower] : [lower, higher];
    const comparison =
      Math.abs(higherError - lowerError) < 0.05
        ? `${referenceRunName(higher)} and ${referenceRunName(lower)} end with the same training error, ${pct(higherError)}`
        : `${referenceRunName(above)} ends with a higher training error than ${referenceRunName(below)}, ${pct(Math.max(higherError, lowerError))} vs ${pct(Math.min(higherError, lowerError))}`;
    found.push({
      id,
      status: shown ? 'shown' : 'notShown',
      text: `In the PyTorch reference (not this browser), after ${epochs} epochs: ${comparison}: ${shown ? WORDS[id].shown : WORDS[id].notShown}.`,
    });
  }
  return found;
}
