// What the runs of this session show, in words: the paper's three CIFAR-10 findings (§4.2, Fig. 6), each stated
// only when two comparable runs show it beyond the noise, and otherwise an honest "not yet visible" with why.
// The verdict is steady: it is decided at test evaluations (verdictEvidence.ts), and with hysteresis, so a gap
// that hovers around the margin does not flip it back and forth. Runs imported from the PyTorch script take part
// like any other; a pair of runs from one source (two browser runs, two PyTorch runs) is preferred to a mixed one,
// so a gap between two implementations is never offered as the paper's finding when like can be set beside like.
import type { Run } from './appState';
import { BROWSER_SOURCE, displayedRunName, runSource } from './runDisplayName';
import { comparable, compare, type Comparison } from './verdictEvidence';

export { MARGIN_POINTS } from './verdictEvidence';

export type FindingId = 'degradation' | 'rescue' | 'deeperHelps';

/** One side of a comparison, as the chart draws it (one colour per depth, runStyle.ts). */
export interface ComparedRun {
  runId: string;
  /** displayedRunName: "plain-56", or "plain-56 · PyTorch" for a run trained outside a browser. */
  name: string;
  depth: number;
  /** Mean training error (%) over the compared window. */
  trainError: number;
}

export interface Finding {
  id: FindingId;
  status: 'shown' | 'notShown' | 'tooEarly';
  text: string;
  /** The two runs compared; absent while too early. `higher` is the one the paper's finding expects to have the
   *  higher training error (the deeper plain net, the plain net, the shallower ResNet). */
  compared?: { higher: ComparedRun; lower: ComparedRun; iteration: number; marginPoints: number };
}

/** Once shown, a finding is withdrawn only when its gap falls below this fraction of the margin (a Schmitt
 *  trigger): a gap of 0.9 then 1.1 then 0.9 points around a 1-point margin is one change, not three. */
export const RELEASE_FRACTION = 0.5;

/** Whether the gap shows the finding: above the margin always; between half the margin and the margin only if
 *  these same two runs showed it before. */
export function showsFinding(gap: number, margin: number, shownBefore: boolean): boolean {
  return gap > margin || (shownBefore && gap > RELEASE_FRACTION * margin);
}

const pct = (value: number) => `${value.toFixed(1)}%`;
const at = (c: Comparison) => `at iteration ${c.iteration.toLocaleString('en-US')}`;
const points = (value: number) => value.toFixed(1);

/** Pairs (a, b) of comparable runs where `pick` holds. */
function pairs(runs: readonly Run[], pick: (a: Run, b: Run) => boolean): [Run, Run][] {
  const found: [Run, Run][] = [];
  runs.forEach((a) => runs.forEach((b) => a !== b && comparable(a, b) && pick(a, b) && found.push([a, b])));
  return found;
}

function comparedRun(run: Run, trainError: number): ComparedRun {
  return { runId: run.id, name: displayedRunName(run), depth: run.config.model.depth, trainError };
}

/** Both runs trained by one source (runDisplayName.ts): the browser, or one framework elsewhere. */
const sameSource = (a: Run, b: Run) => runSource(a) === runSource(b);

/** Said after a finding from a browser run and a run trained elsewhere, chosen only when no pair of one source
 *  could be compared: the two implementations differ as well as the networks. */
function mixedSourcesNote(c: Comparison): string {
  if (sameSource(c.higher, c.lower)) return '';
  // "a browser": an imported browser run may have trained in another one.
  const [first, second] = [c.higher, c.lower].map(runSource).map((source) => (source === BROWSER_SOURCE ? 'a browser' : source));
  return ` The two runs trained in different places (${first} and ${second}), so part of the gap may come from that.`;
}

/** Whether `previous` was a "shown" verdict about the same two runs: evidence from another pair starts afresh. */
function shownBefore(previous: Finding | undefined, c: Comparison): boolean {
  return (
    previous?.status === 'shown' &&
    previous.compared?.higher.runId === c.higher.id &&
    previous.compared?.lower.runId === c.lower.id
  );
}

interface Wording {
  /** Texts name the runs by their displayed names; `higher` and `lower` as in Comparison. */
  shown: (c: Comparison, higher: string, lower: string) => string;
  notShown: (c: Comparison, higher: string, lower: string) => string;
}

function judge(id: FindingId, previous: Finding | undefined, candidates: [Run, Run][], wording: Wording): Finding | null {
  if (candidates.length === 0) return null;
  // Like with like first: a pair from one source, when one can be compared, over any mixed pair. Then the longest
  // comparison says most; among equals, the deepest pair (the paper's point is about depth).
  const depth = (c: Comparison) => Math.max(c.higher.config.model.depth, c.lower.config.model.depth);
  const mixed = (c: Comparison) => (sameSource(c.higher, c.lower) ? 0 : 1);
  const best = candidates
    .map(([a, b]) => compare(a, b))
    .filter((c): c is Comparison => c !== null)
    .sort((x, y) => mixed(x) - mixed(y) || y.iteration - x.iteration || depth(y) - depth(x))[0];
  if (!best) {
    const [a, b] = candidates.find(([x, y]) => sameSource(x, y)) ?? candidates[0];
    return {
      id,
      status: 'tooEarly',
      text: `${displayedRunName(b)} vs ${displayedRunName(a)}: not yet visible, both runs need at least one epoch and a test evaluation after it.`,
    };
  }
  const higher = displayedRunName(best.higher);
  const lower = displayedRunName(best.lower);
  const compared = { higher: comparedRun(best.higher, best.higherError), lower: comparedRun(best.lower, best.lowerError), iteration: best.iteration, marginPoints: best.margin };
  if (showsFinding(best.gap, best.margin, shownBefore(previous, best))) {
    // Kept by the hysteresis only: say so, so the number in the text and the verdict never seem to disagree.
    const held =
      best.gap > best.margin
        ? ''
        : ` The gap has narrowed to ${points(best.gap)} points, within the ${points(best.margin)}-point noise margin; the finding is withdrawn if it falls below ${points(RELEASE_FRACTION * best.margin)}.`;
    return { id, status: 'shown', text: wording.shown(best, higher, lower) + held + mixedSourcesNote(best), compared };
  }
  return {
    id,
    status: 'notShown',
    text: `${wording.notShown(best, higher, lower)} Differences under ${points(best.margin)} points are within the noise of these runs.${mixedSourcesNote(best)}`,
    compared,
  };
}

/** A network as a finding names it: its depth and whether it has shortcuts. */
export interface NetworkKind {
  depth: number;
  blockType: 'plain' | 'residual';
}

/** The pairs the paper's Fig. 6 compares: `higher` is the network expected to have the higher training error. */
export const PAPER_PAIRS: Record<FindingId, { higher: NetworkKind; lower: NetworkKind }> = {
  degradation: { higher: { depth: 56, blockType: 'plain' }, lower: { depth: 20, blockType: 'plain' } },
  rescue: { higher: { depth: 56, blockType: 'plain' }, lower: { depth: 56, blockType: 'residual' } },
  deeperHelps: { higher: { depth: 20, blockType: 'residual' }, lower: { depth: 56, blockType: 'residual' } },
};

/** What a verdict is asked about: only the runs of one experiment, and for each finding only the pair it names
 *  (a first-visit proposal promises "plain-56 vs ResNet-56", so plain-20 vs ResNet-20 must not answer for it).
 *  Findings absent from `pairs` are not judged. */
export interface VerdictFocus {
  experimentId: string;
  pairs: Partial<Record<FindingId, { higher: NetworkKind; lower: NetworkKind }>>;
}

const isKind = (run: Run, kind: NetworkKind) => run.config.model.depth === kind.depth && run.config.model.blockType === kind.blockType;

/** The findings after `runs` changed, given the findings shown before (empty at first): pure, and applying it
 *  twice to the same runs gives the same result. With a focus, only its experiment's runs and its pairs count. */
export function nextFindings(previous: readonly Finding[], allRuns: readonly Run[], focus?: VerdictFocus): Finding[] {
  const before = (id: FindingId) => previous.find((f) => f.id === id);
  const plain = (r: Run) => r.config.model.blockType === 'plain';
  const residual = (r: Run) => r.config.model.blockType === 'residual';
  const runs = focus ? allRuns.filter((run) => run.experimentId === focus.experimentId) : allRuns;
  /** Candidate pairs for a finding: all that `pick` allows, or with a focus only the pair it names (none when the
   *  focus leaves the finding out). */
  const pairsFor = (id: FindingId, pick: (a: Run, b: Run) => boolean): [Run, Run][] => {
    if (!focus) return pairs(runs, pick);
    const named = focus.pairs[id];
    return named ? pairs(runs, (a, b) => isKind(a, named.higher) && isKind(b, named.lower)) : [];
  };
  const result = [
    // Fig. 1 / Fig. 6 left: the deeper plain net has the HIGHER training error. higher = deeper plain.
    judge('degradation', before('degradation'), pairsFor('degradation', (a, b) => plain(a) && plain(b) && a.config.model.depth > b.config.model.depth), {
      shown: (c, deep, shallow) => `Degradation reproduced: ${deep} training error ${pct(c.higherError)} vs ${shallow} ${pct(c.lowerError)} ${at(c)}.`,
      notShown: (c, deep, shallow) => `Degradation not visible yet: ${deep} training error ${pct(c.higherError)} vs ${shallow} ${pct(c.lowerError)} ${at(c)}.`,
    }),
    // Fig. 6 middle: the residual net of the same depth trains better than the plain one. higher = plain.
    judge('rescue', before('rescue'), pairsFor('rescue', (a, b) => plain(a) && residual(b) && a.config.model.depth === b.config.model.depth), {
      shown: (c, plainName, resName) => `Residual fix: ${resName} training error ${pct(c.lowerError)} vs ${plainName} ${pct(c.higherError)} ${at(c)}.`,
      notShown: (c, plainName, resName) => `Residual fix not visible yet: ${resName} ${pct(c.lowerError)} vs ${plainName} ${pct(c.higherError)} ${at(c)}.`,
    }),
    // Fig. 6 middle: with shortcuts, deeper is better. higher = shallower residual.
    judge('deeperHelps', before('deeperHelps'), pairsFor('deeperHelps', (a, b) => residual(a) && residual(b) && b.config.model.depth > a.config.model.depth), {
      shown: (c, shallow, deep) => `Deeper helps with shortcuts: ${deep} training error ${pct(c.lowerError)} vs ${shallow} ${pct(c.higherError)} ${at(c)}.`,
      notShown: (c, shallow, deep) =>
        `Deeper does not help yet: ${deep} ${pct(c.lowerError)} vs ${shallow} ${pct(c.higherError)} ${at(c)}. In the PyTorch reference this appears only after about 40 epochs (tied at 15).`,
    }),
  ];
  return result.filter((f): f is Finding => f !== null);
}

/** The findings with no history: what a fresh look at `runs` says. */
export function findings(runs: readonly Run[]): Finding[] {
  return nextFindings([], runs);
}
