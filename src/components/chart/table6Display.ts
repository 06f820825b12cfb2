// Where the paper's Table 6 numbers go: stars at the end of the x axis only when that end IS the paper's end of
// training (64k iterations, §4.2), else one compact line in the legend. A star at iteration 60 of a micro run
// would say "the paper reached 8.75% here", which it did not.
import { TABLE6_ITERATIONS, TABLE6_RESNETS, table6ForModels, type Table6Result } from '../../reference/paperTable6';
import type { ReferenceSet } from '../../reference/referenceCurves';
import type { Run } from '../../state/appState';
import type { XAxisUnit } from '../chartData';
import { axisEndIterations } from './xExtent';

export interface Table6Display {
  /** Drawn as stars at the end of the x axis. */
  stars: readonly Table6Result[];
  /** Listed in the legend's key line instead (the axis does not reach 64k iterations, or the zoom hides its end). */
  listed: readonly Table6Result[];
  /** Why they are listed rather than drawn. */
  reason: 'short' | 'zoomed' | null;
}

export const NO_TABLE6: Table6Display = { stars: [], listed: [], reason: null };

/**
 * `results`: the Table 6 rows of the depths on the chart (table6ForModels). `axisEndIterations`: where the x
 * axis ends, in iterations (the longest schedule on the chart). `endInView`: whether the zoom shows that end.
 */
export function table6Display(results: readonly Table6Result[], axisEndIterations: number, endInView: boolean): Table6Display {
  if (axisEndIterations < TABLE6_ITERATIONS) return { stars: [], listed: results, reason: 'short' };
  if (!endInView) return { stars: [], listed: results, reason: 'zoomed' };
  return { stars: results, listed: [], reason: null };
}

const thousands = `${TABLE6_ITERATIONS / 1000}k`;

/** Where the x axis ends, in the axis's own unit (issue 20, finding 8: the key said iterations under an axis in
 *  epochs): "1,170 iterations", "15 epochs". */
function axisEndText(end: number, unit: XAxisUnit): string {
  if (unit === 'epoch') {
    const epochs = Math.round(end * 100) / 100;
    return `${epochs.toLocaleString('en-US')} ${epochs === 1 ? 'epoch' : 'epochs'}`;
  }
  return `${Math.round(end).toLocaleString('en-US')} iterations`;
}

/** The legend's line about Table 6, e.g. "Paper, Table 6 (after 64k iterations; this axis ends at 60
 *  iterations): ResNet-20 8.75%". `axisEnd`: where the x axis ends, in `unit`. `depths`: the depths on the chart,
 *  named when the table has none of them. */
export function table6KeyText(display: Table6Display, axisEnd: number, depths: readonly number[], unit: XAxisUnit = 'iteration'): string {
  if (display.stars.length > 0) return `★ paper Table 6, test error after ${thousands} iterations (final, not a curve)`;
  if (display.listed.length === 0) {
    const named = depths.length > 0 ? `no entry for depth ${[...new Set(depths)].sort((a, b) => a - b).join(', ')}` : 'no network on the chart';
    return `Paper, Table 6 (${thousands} iterations): ${named} (it has ResNet-${TABLE6_RESNETS.map((r) => r.depth).join(', ')})`;
  }
  const where = display.reason === 'zoomed' ? 'beyond the zoomed range' : `this axis ends at ${axisEndText(axisEnd, unit)}`;
  const numbers = display.listed.map((r) => `ResNet-${r.depth} ${r.testError.toFixed(2)}%`).join(', ');
  return `Paper, Table 6 (after ${thousands} iterations; ${where}): ${numbers}`;
}

/** Whether the whole (unzoomed) chart of these visible runs and this overlay draws Table 6's stars: the option is
 *  on, the chart shows the error, and the axis reaches 64k iterations with a ResNet of a Table 6 depth on it. */
export function paperTable6Drawn(shown: readonly Run[], reference: ReferenceSet | undefined, view: { paperTable6: boolean; metric?: string }): boolean {
  if (!view.paperTable6 || view.metric === 'loss') return false;
  const models = [...shown.map((run) => run.config.model), ...(reference?.runs ?? []).map((run) => ({ depth: run.depth }))];
  return table6Display(table6ForModels(models), axisEndIterations(shown, reference), true).stars.length > 0;
}
