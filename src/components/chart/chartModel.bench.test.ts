// A printed benchmark, not a timed assertion (issue 20, finding 2): what the chart model costs on the main thread
// for two runs of 2,000 training points each (a point every 32 of 64k iterations) at an 800 px plot, when a point
// arrives on one run (its curve is thinned again, the other's is reused) and when nothing it draws changed (a
// progress tick: chart/chartRuns.ts keeps the same runs, so the chart does not re-render at all). The SVG redraw is
// measured in the browser (e2e/chart.spec.ts prints it): recharts lays out its lines in effects, which
// react-dom/server does not run.
import { describe, expect, it } from 'vitest';
import type { Run } from '../../state/appState';
import { DEFAULT_CHART_VIEW } from '../ChartControls';
import { buildChartRows } from '../chartData';
import { chartModel } from './chartModel';
import { chartRunsSelector } from './chartRuns';
import { testRun } from './testRuns';

const UPDATES = 20;

const runs = (): Run[] =>
  [0, 1].map((i) => testRun(`r${i}`, { model: { depth: 20, blockType: i === 0 ? 'plain' : 'residual' }, preset: 'paper', trainEvery: 32 }));

const mean = (f: () => void) => {
  f(); // warm-up
  const start = performance.now();
  for (let u = 0; u < UPDATES; u++) f();
  return (performance.now() - start) / UPDATES;
};

describe('the cost of a chart update (printed)', () => {
  it('models 2 runs of 2,000 points at the resolution of an 800 px plot', () => {
    const base = runs();
    expect(base[0].train).toHaveLength(2_000);
    let rows = 0;
    const pointArrives = mean(() => {
      const model = chartModel([base[0], { ...base[1], train: [...base[1].train] }], DEFAULT_CHART_VIEW, null, 800);
      rows = model.rows.length;
    });
    const everyPoint = mean(() => buildChartRows([{ ...base[0], train: [...base[0].train] }, { ...base[1], train: [...base[1].train] }], { unit: 'iteration' }));
    const select = chartRunsSelector();
    select({ runs: base });
    const tick = mean(() => expect(select({ runs: base.map((run) => ({ ...run, live: undefined })) })).toBe(select({ runs: base })));
    console.log(
      `chart model, 2 runs x 2,000 points, 800 px: a new point ${pointArrives.toFixed(2)} ms (${rows} rows); the rows of every point, unthinned, ${everyPoint.toFixed(2)} ms (4,000+ rows); a progress tick ${tick.toFixed(3)} ms (no re-render). Mean of ${UPDATES}.`,
    );
  });
});
