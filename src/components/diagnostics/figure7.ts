// Fig. 7 of the paper from a run's training samples: the std of each layer's response (after BN, before the
// ReLU / addition) by layer index, and the same values sorted by magnitude; plus what the shown runs say about
// the paper's reading of it (§4.2: "ResNets have generally smaller responses than their plain counterparts";
// "the deeper ResNet has smaller magnitudes of responses").
import type { BlockType } from '../../config';
import type { TrainingSample } from '../../diagnostics/diagnostics';
import { formatCount } from './numberFormat';

/** The sample whose iteration is nearest `iteration` (the later one on a tie); null (or undefined) = the newest.
 *  Samples are oldest first. Returns undefined when there are none. */
export function nearestSample(samples: readonly TrainingSample[], iteration: number | null | undefined): TrainingSample | undefined {
  if (samples.length === 0) return undefined;
  if (iteration === null || iteration === undefined) return samples[samples.length - 1];
  let lo = 0;
  let hi = samples.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid].iteration < iteration) lo = mid + 1;
    else hi = mid;
  }
  // lo: the first sample at or after `iteration` (or the last one).
  if (lo > 0 && iteration - samples[lo - 1].iteration < samples[lo].iteration - iteration) return samples[lo - 1];
  return samples[lo];
}

/** The values sorted by magnitude, largest first (Fig. 7 bottom). Never changes its argument. */
export function sortedDescending(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v)).sort((a, b) => b - a);
}

/** Median of the finite values; null when there are none. */
export function median(values: readonly number[]): number | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A response std in two significant digits: 0.61, 1.2, 12. */
export function formatStd(value: number): string {
  return Number(value.toPrecision(2)).toString();
}

export interface Figure7Run {
  name: string;
  depth: number;
  blockType: BlockType;
  /** The stds drawn (one sample of the run). */
  stds: readonly number[];
  iteration: number;
}

/** Within this factor the two medians count as "about the same". */
const SAME_WITHIN = 0.05;

type Relation = 'smaller' | 'larger' | 'same';

function relation(a: number, b: number): Relation {
  if (a < b * (1 - SAME_WITHIN)) return 'smaller';
  if (a > b * (1 + SAME_WITHIN)) return 'larger';
  return 'same';
}

/**
 * What the shown runs say about the paper's two claims, from their data only: each depth with both a plain and a
 * residual run compares their median response std; two residual depths compare the deeper one to the shallower
 * one. Empty when no such pair is shown. The first run of each kind and depth stands for it.
 */
export function figure7Reading(runs: readonly Figure7Run[]): string[] {
  const withMedian = runs.flatMap((run) => {
    const m = median(run.stds);
    return m === null ? [] : [{ ...run, median: m }];
  });
  const first = (depth: number, blockType: BlockType) => withMedian.find((r) => r.depth === depth && r.blockType === blockType);
  const depths = [...new Set(withMedian.map((r) => r.depth))].sort((a, b) => a - b);
  const sentences: string[] = [];
  const atIterations = (a: Figure7Run, b: Figure7Run) =>
    a.iteration === b.iteration ? '' : ` (at iterations ${formatCount(a.iteration)} and ${formatCount(b.iteration)}: move the slider to compare the same iteration)`;

  for (const depth of depths) {
    const residual = first(depth, 'residual');
    const plain = first(depth, 'plain');
    if (!residual || !plain) continue;
    const rel = relation(residual.median, plain.median);
    const verdict =
      rel === 'smaller' ? 'smaller, as in the paper' : rel === 'same' ? 'about the same: not (yet) the paper’s gap' : 'larger: not (yet) as in the paper';
    sentences.push(`Here: ${residual.name}’s median response ${formatStd(residual.median)} vs ${plain.name}’s ${formatStd(plain.median)} — ${verdict}${atIterations(residual, plain)}.`);
  }
  const residuals = depths.map((depth) => first(depth, 'residual')).filter((r): r is NonNullable<typeof r> => r !== undefined);
  for (let i = 1; i < residuals.length; i++) {
    const shallow = residuals[i - 1];
    const deep = residuals[i];
    const rel = relation(deep.median, shallow.median);
    const verdict =
      rel === 'smaller' ? 'smaller, as in the paper' : rel === 'same' ? 'about the same: not (yet) smaller, as the paper found' : 'larger: not (yet) as in the paper';
    sentences.push(`Deeper: ${deep.name}’s median ${formatStd(deep.median)} vs ${shallow.name}’s ${formatStd(shallow.median)} — ${verdict}${atIterations(deep, shallow)}.`);
  }
  return sentences;
}
