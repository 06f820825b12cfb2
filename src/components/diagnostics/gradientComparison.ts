// The gradient heatmap's hint names the runs it shows: "compare the colours of plain-8’s first rows to ResNet-8’s",
// not the paper's 56-layer nets when those are not on the page.
import type { ShownRun } from './shownRuns';

type Named = Pick<ShownRun, 'name' | 'model'>;

/** What to compare, after "compare the colours of ": a plain and a residual run of the same depth shown (the
 *  deepest such pair); else the deepest plain or residual run shown, against the other kind of its depth, which
 *  is not trained yet; else the nets in general. */
export function gradientComparison(runs: readonly Named[]): string {
  const plains = runs.filter((run) => run.model.blockType === 'plain');
  const residuals = runs.filter((run) => run.model.blockType === 'residual');
  const deepest = (list: readonly Named[]) => list.reduce<Named | undefined>((best, run) => (!best || run.model.depth > best.model.depth ? run : best), undefined);
  const paired = deepest(plains.filter((plain) => residuals.some((residual) => residual.model.depth === plain.model.depth)));
  if (paired) {
    const residual = residuals.find((run) => run.model.depth === paired.model.depth)!;
    return `${paired.name}’s first rows to ${residual.name}’s`;
  }
  const plain = deepest(plains);
  if (plain) return `${plain.name}’s first rows to those of a ResNet of its depth (train ResNet-${plain.model.depth} to see them)`;
  const residual = deepest(residuals);
  if (residual) return `a plain net’s first rows (train plain-${residual.model.depth} to see them) to ${residual.name}’s`;
  return 'a plain net’s first rows to those of the ResNet of the same depth';
}
