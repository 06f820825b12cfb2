// The confusion panel's pure decisions: how strongly a cell is tinted, what it says to a screen reader, what an
// image's caption reads, and whether the images loaded now are the ones the run was evaluated on.
import { CLASS_COUNT, CLASS_NAMES, type Predictions } from '../../diagnostics/diagnostics';
import { formatCount } from './numberFormat';

/** Column headers: the class names short enough for a 10-column table on a phone (full names in title/aria). */
export const SHORT_CLASS_NAMES = ['plane', 'car', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;

/** Images of each true class (row sums). */
export function rowTotals(confusion: readonly number[]): number[] {
  return Array.from({ length: CLASS_COUNT }, (_, t) => {
    let sum = 0;
    for (let p = 0; p < CLASS_COUNT; p++) sum += confusion[t * CLASS_COUNT + p] ?? 0;
    return sum;
  });
}

/** Fraction of true class t's images predicted as p (0 when the class has none). */
export function rowFraction(confusion: readonly number[], totals: readonly number[], t: number, p: number): number {
  return totals[t] > 0 ? (confusion[t * CLASS_COUNT + p] ?? 0) / totals[t] : 0;
}

/** The most a cell is tinted (% of the tint mixed into the surface colour): up to here the text keeps a 4.5:1
 *  contrast on both themes (the text colour never changes with the tint). */
export const MAX_TINT = 42;

/**
 * % of tint for a cell from its row-normalised fraction. The diagonal (right answers) goes from 0 to MAX_TINT over
 * 0..100% of its row; a mistake already reaches MAX_TINT at 30% of its row (mistakes are rarely more, and a 15%
 * confusion must stand out). Diagonal and off-diagonal cells use different hues besides (accent vs danger).
 */
export function cellTint(fraction: number, diagonal: boolean): number {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  return Math.round(MAX_TINT * (diagonal ? f : Math.min(1, f / 0.3)));
}

/** "true cat, predicted dog: 112 images". */
export function cellLabel(t: number, p: number, count: number): string {
  return `true ${CLASS_NAMES[t]}, predicted ${CLASS_NAMES[p]}: ${formatCount(count)} ${count === 1 ? 'image' : 'images'}`;
}

/** "true: cat · predicted: dog 62% · 2nd: bird 20%" for evaluated image i. */
export function predictionCaption(predictions: Predictions, i: number): string {
  const t = predictions.labels[i];
  const top = predictions.top3Classes[3 * i];
  const second = predictions.top3Classes[3 * i + 1];
  const parts = [`true: ${CLASS_NAMES[t]}`, `predicted: ${CLASS_NAMES[top]} ${predictions.top3Percent[3 * i]}%${top === t ? ' ✔' : ''}`];
  if (second !== undefined) parts.push(`2nd: ${CLASS_NAMES[second]} ${predictions.top3Percent[3 * i + 1]}%`);
  return parts.join(' · ');
}

/** How many of the images at `indices` have, in the dataset loaded now, another label than the run recorded. */
export function labelMismatches(recorded: ArrayLike<number>, indices: readonly number[], loaded: ArrayLike<number>): number {
  let mismatches = 0;
  indices.forEach((index, k) => {
    if (recorded[index] !== loaded[k]) mismatches++;
  });
  return mismatches;
}

/** Splits indices into pages of `size`. */
export function pages<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The split's name in words. */
export function splitName(evaluatedOn: Predictions['evaluatedOn']): string {
  return evaluatedOn === 'test' ? 'test set' : 'held-out validation images';
}
