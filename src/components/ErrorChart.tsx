import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { table6ForModels } from '../reference/paperTable6';
import { referenceSetById, type ReferenceSet } from '../reference/referenceCurves';
import { lrDropIterations } from '../engine/schedule';
import { useAppState } from '../state/appContext';
import { buildChartRows, errorAxisMax, errorAxisTicks, lrDropXs, markedTestXs, visibleRuns, xAxisFormat } from './chartData';
import { ChartControls, DEFAULT_CHART_VIEW, type ChartView } from './ChartControls';
import { ChartLegend } from './ChartLegend';
import { lrDropLines, referenceLines, runLines, Table6Markers, TABLE6_MARGIN } from './chartSeries';
import { legendEntries, runStyles, type LegendEntry } from './runStyle';

export type { ChartView } from './ChartControls';

/** The reference runs used the same schedule shape (lr ÷10 at 50% and 75%, §4.2 scaled): their drops are marked
 *  too, so the sharp falls of the overlaid curves line up with a marked drop even with no run of this browser. */
function referenceDropSources(reference: ReferenceSet | undefined) {
  return (reference?.runs ?? []).map((run) => ({ lrDropIterations: lrDropIterations(run.totalIterations), iterationsPerEpoch: run.iterationsPerEpoch }));
}

/** Log axis from 1% (errors below it are clipped) to 100%. */
const LOG_TICKS = [1, 2, 5, 10, 20, 50, 100];

/** The chart's view state (x unit, overlay, smoothing, log y, Table 6), for a parent that wants to own it:
 *  `const [view, setView] = useChartView(); <ErrorChart view={view} onViewChange={setView} />`. */
export function useChartView() {
  return useState<ChartView>(DEFAULT_CHART_VIEW);
}

/** What the header's actions (the export toolbar) may need from the chart. */
export interface ChartActionsContext {
  view: ChartView;
  /** The chart's <svg> as drawn now; null while the chart is empty. */
  getSvg: () => SVGSVGElement | null;
  /** One entry per run with points (hidden ones marked), to draw the legend into an export. */
  legend: LegendEntry[];
}

interface ErrorChartProps {
  /** Rendered at the end of the chart header: a node, or a function of the chart's view, svg and legend. */
  actions?: ReactNode | ((chart: ChartActionsContext) => ReactNode);
  /** Pass both to own the view state (see useChartView); omit both and the chart keeps its own. */
  view?: ChartView;
  onViewChange?: (view: ChartView) => void;
}

/** Training error (dashed) and test error (solid) in %, like the paper's Fig. 6, for the visible runs. */
export function ErrorChart({ actions, view: controlledView, onViewChange }: ErrorChartProps) {
  const runs = useAppState((state) => state.runs);
  const [ownView, setOwnView] = useChartView();
  const view = controlledView ?? ownView;
  const setView = onViewChange ?? setOwnView;
  const { unit, smoothing, logScale } = view;
  const reference = referenceSetById(view.referenceId);

  const shown = useMemo(() => visibleRuns(runs), [runs]);
  const legend = useMemo(() => legendEntries(runs), [runs]);
  const series = useMemo(() => {
    const byId = new Map(shown.map((run) => [run.id, run]));
    return runStyles(shown).map((style) => ({ style, marked: markedTestXs(byId.get(style.runId)!, unit) }));
  }, [shown, unit]);
  const rows = useMemo(() => buildChartRows(shown, { unit, reference, smoothing }), [shown, unit, reference, smoothing]);

  // The x axis spans the longest visible run's whole schedule, so the lr drops, the distance to go and the
  // Table 6 stars (at the end of the schedule) show from the start.
  const longest = Math.max(
    0,
    ...shown.map((run) => (run.totalIterations ?? 0) / (unit === 'iteration' ? 1 : run.iterationsPerEpoch ?? 1)),
    ...(reference?.runs ?? []).map((run) => (unit === 'iteration' ? run.totalIterations : run.totalIterations / run.iterationsPerEpoch)),
  );
  const hasPoints = rows.length > 0;
  const xEnd = Math.max(longest, hasPoints ? rows[rows.length - 1].x : 0) || 1;
  const xFormat = xAxisFormat(unit, xEnd);
  const yMax = errorAxisMax(rows);
  const table6 = view.paperTable6 ? table6ForModels(shown.map((run) => run.config.model)) : [];

  const containerRef = useRef<HTMLDivElement>(null);
  const getSvg = useCallback(() => containerRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface') ?? null, []);
  const headerActions = typeof actions === 'function' ? actions({ view, getSvg, legend }) : actions;

  return (
    <section className="error-chart" aria-label="Error chart">
      <header className="chart-header">
        <h2>Error (%) — dashed: training, solid: test</h2>
        <ChartControls view={view} onChange={setView} />
        {headerActions ? <div className="chart-actions">{headerActions}</div> : null}
      </header>
      {hasPoints || legend.length > 0 ? <ChartLegend entries={legend} reference={reference} table6={view.paperTable6 && hasPoints} /> : null}
      <div className="chart-body" data-testid="error-chart" data-points={rows.length}>
        {hasPoints ? (
          <div ref={containerRef} data-testid="chart-svg-container">
            <ResponsiveContainer width="100%" height={380}>
              <LineChart data={rows} margin={{ top: 8, right: table6.length > 0 ? TABLE6_MARGIN : 24, bottom: 24, left: 8 }}>
                <CartesianGrid strokeDasharray="2 4" stroke="#ddd" />
                <XAxis
                  dataKey="x"
                  type="number"
                  domain={[0, xEnd]}
                  ticks={xFormat.ticks}
                  allowDecimals={unit === 'epoch'}
                  tickFormatter={xFormat.format}
                  label={{ value: xFormat.label, position: 'insideBottom', offset: -12 }}
                />
                <YAxis
                  scale={logScale ? 'log' : 'linear'}
                  domain={logScale ? [1, 100] : [0, yMax]}
                  ticks={logScale ? LOG_TICKS : errorAxisTicks(yMax)}
                  allowDataOverflow={logScale}
                  tickFormatter={(y: number) => `${y}%`}
                  label={{ value: 'error (%)', angle: -90, position: 'insideLeft' }}
                />
                <Tooltip
                  formatter={(value) => (typeof value === 'number' ? `${value.toFixed(2)}%` : String(value))}
                  labelFormatter={(x) => (unit === 'iteration' ? `iteration ${Number(x).toLocaleString('en-US')}` : `epoch ${Number(x).toFixed(2)}`)}
                />
                {lrDropLines(lrDropXs([...shown, ...referenceDropSources(reference)], unit))}
                {referenceLines(reference, unit)}
                {runLines(series, smoothing > 0)}
                {table6.length > 0 ? <Table6Markers results={table6} x={xEnd} /> : null}
              </LineChart>
            </ResponsiveContainer>
          </div>
        ) : (
          <p className="chart-empty">
            {legend.length > 0
              ? 'Every run is hidden: click a name in the legend to show it again.'
              : 'Press Train (or Run experiment): the training error (dashed) appears after the first steps, the test error (solid) after each evaluation.'}
          </p>
        )}
      </div>
      {reference ? (
        <p className="chart-caption" data-testid="reference-caption">
          Faint lines: {reference.label}, measured outside this app with the same §4.2 recipe ({String(reference.device.gpu ?? 'GPU')},
          PyTorch {String(reference.device.torch ?? '')}, seed 0, batch 128): not results of this browser.
        </p>
      ) : null}
    </section>
  );
}
