// Where the paper's Table 6 numbers go: stars at the end of the x axis only when that end IS the paper's end of
// training (64k iterations, §4.2), else one compact line in the legend. A star at iteration 60 of a micro run
// would say "the paper reached 8.75% here", which it did not.
import { TABLE6_ITERATIONS, TABLE6_RESNETS, type Table6Result } from '../../reference/paperTable6';

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

/** The legend's line about Table 6, e.g. "Paper, Table 6 (after 64k iterations; this axis ends at 60):
 *  ResNet-20 8.75%". `depths`: the depths on the chart, named when the table has none of them. */
export function table6KeyText(display: Table6Display, axisEndIterations: number, depths: readonly number[]): string {
  if (display.stars.length > 0) return `★ paper Table 6, test error after ${thousands} iterations (final, not a curve)`;
  if (display.listed.length === 0) {
    const named = depths.length > 0 ? `no entry for depth ${[...new Set(depths)].sort((a, b) => a - b).join(', ')}` : 'no network on the chart';
    return `Paper, Table 6 (${thousands} iterations): ${named} (it has ResNet-${TABLE6_RESNETS.map((r) => r.depth).join(', ')})`;
  }
  const where = display.reason === 'zoomed' ? 'beyond the zoomed range' : `this axis ends at ${Math.round(axisEndIterations).toLocaleString('en-US')}`;
  const numbers = display.listed.map((r) => `ResNet-${r.depth} ${r.testError.toFixed(2)}%`).join(', ');
  return `Paper, Table 6 (after ${thousands} iterations; ${where}): ${numbers}`;
}
