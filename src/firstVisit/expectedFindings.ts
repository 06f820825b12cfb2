// Which of the paper's CIFAR-10 findings (§4.2, Fig. 6) a run of a given length can be expected to show, read
// from the PyTorch reference curves of the same recipe (src/reference/): the first-visit proposal promises only
// what these measured curves show at that length, never more.
import { REFERENCE_SETS, type ReferenceRun, type ReferenceSet } from '../reference/referenceCurves';
import type { FindingId } from '../state/verdict';

export interface ExpectedFinding {
  id: FindingId;
  /** True when the reference shows it clearly at this length. */
  expected: boolean;
  /** The reference's numbers behind the claim, in words. */
  evidence: string;
}

/** A gap counts as clear when it is at least 2 percentage points and at least 10% of the larger error: early in
 *  training errors are high and a different seed moves them by several points, late they are low and close. */
export function clearGap(higher: number, lower: number): boolean {
  return higher - lower >= Math.max(2, 0.1 * higher);
}

const pct = (value: number) => `${value.toFixed(1)}%`;

function run(set: ReferenceSet, name: string): ReferenceRun {
  const found = set.runs.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`The reference set ${set.id} has no ${name} run.`);
  return found;
}

/** Training error (%) of a reference run after `epochs` epochs (the last epoch if the run is shorter). */
function trainErrorAfter(reference: ReferenceRun, epochs: number): number {
  const reached = reference.epochs.filter((point) => point.epoch <= epochs);
  return (reached[reached.length - 1] ?? reference.epochs[0]).trainError;
}

const lengthOf = (set: ReferenceSet) => Math.max(...set.runs[0].epochs.map((point) => point.epoch));

/**
 * What a quick run of `epochs` epochs (full training set, batch 128, §4.2 recipe) can show. Degradation and its
 * residual fix are read from the shortest reference run at least that long, at that epoch (our short run drops
 * the lr earlier, which lowers both errors; the reference gaps at that point are wide). "Deeper helps" is a result
 * of the end of training, so it is read at the END of the longest reference run no longer than `epochs`.
 */
export function expectedFindings(epochs: number, sets: readonly ReferenceSet[] = REFERENCE_SETS): ExpectedFinding[] {
  const byLength = [...sets].sort((a, b) => lengthOf(a) - lengthOf(b));
  const during = byLength.find((set) => lengthOf(set) >= epochs) ?? byLength[byLength.length - 1];
  const at = Math.min(epochs, lengthOf(during));
  const error = (name: string) => trainErrorAfter(run(during, name), at);
  const after = `after ${at} ${at === 1 ? 'epoch' : 'epochs'}`;

  const plain20 = error('plain-20');
  const plain56 = error('plain-56');
  const resnet56 = error('resnet-56');
  const findings: ExpectedFinding[] = [
    {
      id: 'degradation',
      expected: clearGap(plain56, plain20),
      evidence: `In the PyTorch reference ${after}, plain-56 has ${pct(plain56)} training error and plain-20 ${pct(plain20)}.`,
    },
    {
      id: 'rescue',
      expected: clearGap(plain56, resnet56),
      evidence: `In the PyTorch reference ${after}, ResNet-56 has ${pct(resnet56)} training error, plain-56 ${pct(plain56)}.`,
    },
  ];

  const finished = byLength.filter((set) => lengthOf(set) <= epochs);
  const longestFinished = finished[finished.length - 1];
  const ends = byLength.map((set) => {
    const last = lengthOf(set);
    return `${pct(trainErrorAfter(run(set, 'resnet-56'), last))} vs ${pct(trainErrorAfter(run(set, 'resnet-20'), last))} at ${last} epochs`;
  });
  const shownAt = byLength.find((set) => clearGap(trainErrorAfter(run(set, 'resnet-20'), lengthOf(set)), trainErrorAfter(run(set, 'resnet-56'), lengthOf(set))));
  findings.push({
    id: 'deeperHelps',
    expected:
      longestFinished !== undefined &&
      clearGap(trainErrorAfter(run(longestFinished, 'resnet-20'), lengthOf(longestFinished)), trainErrorAfter(run(longestFinished, 'resnet-56'), lengthOf(longestFinished))),
    evidence: `Needs a full schedule${shownAt ? ` of about ${lengthOf(shownAt)} epochs` : ''}: in the PyTorch reference ResNet-56 vs ResNet-20 training error is ${ends.join(', ')}.`,
  });
  return findings;
}
