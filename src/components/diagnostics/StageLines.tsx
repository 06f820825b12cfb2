// Under the heatmaps: per stage group (stem + stage 1, stage 2, stage 3, fc), the geometric mean of its layers'
// gradient norms over training, a line per run, on the heatmaps' log scale: vanishing gradients would show as
// the first group's lines falling far below the others.
import { memo, useMemo } from 'react';
import { decadeLabel, decadeTicks, formatNorm, type LogDomain } from './colourScale';
import { STAGE_GROUPS, stageLines } from './heatmapData';
import { integerTicks } from './plotScale';
import { lineLook } from './runLine';
import type { ShownRun } from './shownRuns';
import { formatCount } from './numberFormat';
import { SmallPlot, type PlotAxis, type PlotLine } from './SmallPlot';

/** Points per run and line: enough for the shape, few enough to redraw quickly. */
const MAX_POINTS = 200;
const PLOT_HEIGHT = 150;
const Y_AXIS_WIDTH = 44;
const iterationText = (x: number) => `iteration ${formatCount(x)}`;

export const StageLines = memo(function StageLines({ runs, domain }: { runs: readonly ShownRun[]; domain: LogDomain }) {
  // A line per group and run: the run's sampled iterations and the group's value there (a group without a usable
  // norm at a sample leaves that point out).
  const linesByGroup = useMemo(() => {
    const points = runs.map((run) => stageLines(run.diagnostics, MAX_POINTS));
    return STAGE_GROUPS.map((_, g) =>
      runs.map((run, r): PlotLine => ({
        key: run.runId,
        name: run.name,
        look: lineLook(run),
        points: points[r].flatMap((point) => {
          const value = point.values[g];
          return value === null ? [] : [[point.iteration, value] as const];
        }),
      })),
    );
  }, [runs]);
  const xMax = Math.max(1, ...linesByGroup.flatMap((lines) => lines.flatMap((line) => (line.points.length ? [line.points[line.points.length - 1][0]] : []))));
  const xAxis: PlotAxis = useMemo(() => ({ domain: [0, xMax], ticks: integerTicks(0, xMax, 4), format: formatCount }), [xMax]);
  // The heatmaps' shared log scale, by decades.
  const yAxis: PlotAxis = useMemo(
    () => ({ domain: [10 ** domain.min, 10 ** domain.max], scale: 'log', ticks: decadeTicks(domain).map((tick) => 10 ** tick.log), format: (v) => decadeLabel(Math.round(Math.log10(v))) }),
    [domain],
  );

  return (
    <div className="diag-stage-lines">
      <h4>A line per stage: the geometric mean of its layers’ gradient norms</h4>
      <div className="diag-small-multiples">
        {STAGE_GROUPS.map((group, g) => (
          <figure key={group.id} className="diag-small-chart">
            <figcaption>{group.label}</figcaption>
            <SmallPlot height={PLOT_HEIGHT} lines={linesByGroup[g]} x={xAxis} y={yAxis} yAxisWidth={Y_AXIS_WIDTH} xText={iterationText} valueText={formatNorm} />
          </figure>
        ))}
      </div>
      <p className="diag-note">x: iteration; y: gradient norm, the same log scale as the colours above.</p>
    </div>
  );
});
