// Under the heatmaps: per stage group (stem + stage 1, stage 2, stage 3, fc), the geometric mean of its layers'
// gradient norms over training, a line per run, on the heatmaps' log scale: vanishing gradients would show as
// the first group's lines falling far below the others.
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { decadeTicks, formatNorm, type LogDomain } from './colourScale';
import { STAGE_GROUPS, stageLines } from './heatmapData';
import { AXIS_TEXT, lineLook, TOOLTIP_STYLE } from './runLine';
import type { ShownRun } from './shownRuns';
import { formatCount } from './numberFormat';
import { CurveShape } from '../chartSeries';

/** Points per run and line: enough for the shape, few enough to redraw quickly. */
const MAX_POINTS = 200;

type Row = { x: number } & Record<string, number | null>;

const MARGIN = { top: 4, right: 12, bottom: 4, left: 0 };
const GRID = <CartesianGrid strokeDasharray="2 4" stroke="var(--grid)" />;
const decadeLabel = (v: number) => `1e${Math.round(Math.log10(v))}`;

export const StageLines = memo(function StageLines({ runs, domain }: { runs: readonly ShownRun[]; domain: LogDomain }) {
  // One row set per group: rows by iteration, a column per run (runs sampled at other iterations leave gaps,
  // bridged by connectNulls).
  const rowsByGroup = useMemo(() => {
    const lines = runs.map((run) => stageLines(run.diagnostics, MAX_POINTS));
    return STAGE_GROUPS.map((_, g) => {
      const rows = new Map<number, Row>();
      lines.forEach((points, r) => {
        for (const point of points) {
          const row = rows.get(point.iteration) ?? ({ x: point.iteration } as Row);
          row[runs[r].runId] = point.values[g];
          rows.set(point.iteration, row);
        }
      });
      return [...rows.values()].sort((a, b) => a.x - b.x);
    });
  }, [runs]);
  const xMax = Math.max(...rowsByGroup.flatMap((rows) => (rows.length ? [rows[rows.length - 1].x] : [1])));
  // The four plots' axes, grid, tooltip and lines as elements kept between renders: recharts re-registers an axis
  // in its store (and re-renders the chart again) whenever the axis re-renders, so a new sample re-renders only
  // what it changed (the data, and the x axis when the run went further). Each line is our plain <path>
  // (chartSeries' CurveShape): recharts' own measures the path's length on every redraw.
  const xAxis = useMemo(
    () => <XAxis dataKey="x" type="number" domain={[0, xMax]} interval={0} tick={AXIS_TEXT} stroke="var(--text-muted)" tickFormatter={formatCount} />,
    [xMax],
  );
  const yAxis = useMemo(() => {
    const ticks = decadeTicks(domain).map((tick) => 10 ** tick.log);
    const yDomain: [number, number] = [10 ** domain.min, 10 ** domain.max];
    return <YAxis scale="log" domain={yDomain} ticks={ticks} interval={0} allowDataOverflow width={44} tick={AXIS_TEXT} stroke="var(--text-muted)" tickFormatter={decadeLabel} />;
  }, [domain]);
  const tooltipAndLines = useMemo(() => {
    const names = new Map(runs.map((run) => [run.runId, run.name]));
    return [
      <Tooltip
        key="tooltip"
        {...TOOLTIP_STYLE}
        formatter={(value, key) => [typeof value === 'number' ? formatNorm(value) : String(value), names.get(String(key)) ?? String(key)]}
        labelFormatter={(x) => `iteration ${formatCount(Number(x))}`}
      />,
      ...runs.map((run) => <Line key={run.runId} dataKey={run.runId} name={run.name} type="linear" dot={false} connectNulls isAnimationActive={false} shape={CurveShape} {...lineLook(run)} />),
    ];
  }, [runs]);

  return (
    <div className="diag-stage-lines">
      <h4>A line per stage: the geometric mean of its layers’ gradient norms</h4>
      <div className="diag-small-multiples">
        {STAGE_GROUPS.map((group, g) => (
          <figure key={group.id} className="diag-small-chart">
            <figcaption>{group.label}</figcaption>
            <ResponsiveContainer width="100%" height={150}>
              <LineChart data={rowsByGroup[g]} margin={MARGIN}>
                {GRID}
                {xAxis}
                {yAxis}
                {tooltipAndLines}
              </LineChart>
            </ResponsiveContainer>
          </figure>
        ))}
      </div>
      <p className="diag-note">x: iteration; y: gradient norm, the same log scale as the colours above.</p>
    </div>
  );
});
