// The chart's accessible name and description (issue 20, finding 7: recharts' keyboard layer made it an unnamed
// role="application"): what is plotted against what, the runs, and where each curve stands now, in words.
import { xValueText, testKey, trainKey, type XAxisUnit } from '../chartData';
import type { ChartModel } from './chartModel';

/** "Training and test error (%) against iterations". */
export function chartTitle(model: Pick<ChartModel, 'metric'>, unit: XAxisUnit): string {
  const quantity = model.metric === 'loss' ? 'Training and test loss' : 'Training and test error (%)';
  return `${quantity} against ${unit === 'iteration' ? 'iterations' : 'epochs'}`;
}

/** The last value of a curve in the rows (rows ascend in x), with its x; null when the curve has none. */
function lastValue(model: ChartModel, key: string): { x: number; y: number } | null {
  for (let i = model.rows.length - 1; i >= 0; i--) {
    const y = model.rows[i][key];
    if (y !== undefined) return { x: model.rows[i].x, y };
  }
  return null;
}

/** One sentence per run: "ResNet-8: training error 71.3% and test error 74.0% at iteration 60." and how to read
 *  the lines, the axes' ranges and the keyboard's way to zoom. */
export function chartDescription(model: ChartModel, unit: XAxisUnit): string {
  const loss = model.metric === 'loss';
  const value = (y: number) => (loss ? y.toFixed(3) : `${y.toFixed(1)}%`);
  const measure = loss ? 'loss' : 'error';
  const runs = model.styles.map((style) => {
    const train = lastValue(model, trainKey(style.runId));
    const test = lastValue(model, testKey(style.runId));
    const parts = [train ? `training ${measure} ${value(train.y)} at ${xValueText(unit, train.x)}` : null, test ? `test ${measure} ${value(test.y)} at ${xValueText(unit, test.x)}` : null].filter(Boolean);
    return `${style.name}: ${parts.join(', ')}.`;
  });
  const [low, high] = model.yAxis.domain;
  const overlay = model.reference ? ` Faint lines: ${model.reference.label} (${model.referenceStyles.map((s) => s.name).join(', ')}), not results of this browser.` : '';
  return [
    `Dashed lines: training ${measure}; solid lines: test ${measure}; each run in its own colour.`,
    ...runs,
    `The y axis spans ${model.yAxis.format(low)} to ${model.yAxis.format(high)}; the x axis ${xValueText(unit, model.range[0])} to ${xValueText(unit, model.range[1])}.${overlay}`,
    'Arrow keys step through the points; the zoom fields under the chart set the x range.',
  ].join(' ');
}
