// The plot itself: axes, the lr drops, the reference overlay, the runs' curves, Table 6's stars and the range
// being dragged for a zoom, all from the chart model (chart/chartModel.ts).
import { useMemo } from 'react';
import { CartesianGrid, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CurveMarkers, markerPoints, referenceLines, runLines } from '../chartSeries';
import { xValueText, type XAxisUnit } from '../chartData';
import type { ChartModel } from './chartModel';
import { LrDropMarks } from './LrDropMarks';
import { Table6Stars } from './Table6Stars';
import type { DragZoom } from './useDragZoom';

export const PLOT_HEIGHT = 380;

const AXIS_TEXT = { fill: 'var(--text-muted)', fontSize: 12 };
const TOOLTIP_STYLE = { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' };
// The series' own colours are not all legible as text on every surface; the names say which is which.
const TOOLTIP_ITEM_STYLE = { color: 'var(--text)' };
const TOOLTIP_CURSOR = { stroke: 'var(--text-muted)', strokeDasharray: '2 2' };
const GRID = <CartesianGrid strokeDasharray="2 4" stroke="var(--grid)" />;

interface MetricPlotProps {
  model: ChartModel;
  unit: XAxisUnit;
  smoothed: boolean;
  drag: DragZoom;
  margin: { top: number; right: number; bottom: number; left: number };
  yAxisWidth: number;
  /** The plot's accessible name, and the id of the element describing it (chart/chartDescription.ts): recharts
   *  makes the surface a focusable role="application" for its keyboard layer, which must not be unnamed. */
  title: string;
  describedBy: string;
}

/** The axes and the tooltip as elements kept between renders while what they show is the same (compared by value:
 *  the chart model builds new objects on every redraw). recharts re-registers an axis in its store whenever the axis
 *  re-renders with new props, and every registration recomputes the chart's selectors and renders it again
 *  (issue 20, finding 2). `interval={0}`: every tick given is drawn, so recharts does not measure the tick labels in
 *  the DOM (getBoundingClientRect) to thin them. */
function useAxes(model: ChartModel, unit: XAxisUnit, yAxisWidth: number) {
  const { range, xFormat, yAxis, metric } = model;
  const xKey = JSON.stringify([range, xFormat.label, xFormat.ticks ?? null, unit]);
  const yKey = JSON.stringify([yAxis.scale, yAxis.domain, yAxis.ticks, yAxis.label, yAxisWidth]);
  // Keyed by value (xKey): the model's objects are new on each redraw.
  const xAxis = useMemo(() => (
    <XAxis
      dataKey="x"
      type="number"
      domain={[range[0], range[1]]}
      allowDataOverflow
      ticks={xFormat.ticks}
      interval={0}
      allowDecimals={unit === 'epoch'}
      tickFormatter={xFormat.format}
      tick={AXIS_TEXT}
      stroke="var(--text-muted)"
      label={{ value: xFormat.label, position: 'insideBottom', offset: -12, fill: 'var(--text-muted)' }}
    />
  ), [xKey]);
  // Keyed by value (yKey).
  const yAxisElement = useMemo(() => (
    <YAxis
      scale={yAxis.scale}
      domain={yAxis.domain}
      ticks={yAxis.ticks}
      interval={0}
      allowDataOverflow
      width={yAxisWidth}
      tickFormatter={yAxis.format}
      tick={AXIS_TEXT}
      stroke="var(--text-muted)"
      label={{ value: yAxis.label, angle: -90, position: 'insideLeft', fill: 'var(--text-muted)' }}
    />
  ), [yKey]);
  const tooltip = useMemo(() => (
    <Tooltip
      isAnimationActive={false}
      formatter={(value) => (typeof value !== 'number' ? String(value) : metric === 'loss' ? value.toFixed(3) : `${value.toFixed(2)}%`)}
      labelFormatter={(x) => xValueText(unit, Number(x))}
      contentStyle={TOOLTIP_STYLE}
      itemStyle={TOOLTIP_ITEM_STYLE}
      cursor={TOOLTIP_CURSOR}
    />
  ), [metric, unit]);
  return { xAxis, yAxis: yAxisElement, tooltip };
}

export function MetricPlot({ model, unit, smoothed, drag, margin, yAxisWidth, title, describedBy }: MetricPlotProps) {
  const { rows, range } = model;
  const axes = useAxes(model, unit, yAxisWidth);
  // The curves' <Line>s and markers change only with the model (a new point, a hidden run), not with a drag.
  const references = useMemo(() => referenceLines(model.referenceStyles), [model.referenceStyles]);
  const lines = useMemo(() => runLines(model.styles, smoothed), [model.styles, smoothed]);
  const markers = useMemo(
    () => <CurveMarkers points={markerPoints(model.rows, model.markers, model.styles, model.referenceStyles, smoothed)} />,
    [model.rows, model.markers, model.styles, model.referenceStyles, smoothed],
  );
  return (
    // initialDimension: drawn at 800 px before the container is measured (and when rendered outside a browser).
    <ResponsiveContainer width="100%" height={PLOT_HEIGHT} initialDimension={{ width: 800, height: PLOT_HEIGHT }}>
      <LineChart
        data={rows}
        aria-label={title}
        aria-describedby={describedBy}
        margin={margin}
        onMouseDown={drag.onMouseDown}
        onMouseMove={drag.onMouseMove}
        onMouseUp={drag.onMouseUp}
        onMouseLeave={drag.onMouseLeave}
      >
        {GRID}
        {axes.xAxis}
        {axes.yAxis}
        {axes.tooltip}
        <LrDropMarks xs={model.lrDrops} range={range} />
        {references}
        {lines}
        {markers}
        {model.table6.stars.length > 0 ? <Table6Stars results={model.table6.stars} colours={model.table6Colours} x={model.xEnd} /> : null}
        {drag.selection ? <ReferenceArea x1={drag.selection[0]} x2={drag.selection[1]} fill="var(--accent)" fillOpacity={0.15} stroke="var(--accent)" strokeOpacity={0.6} /> : null}
      </LineChart>
    </ResponsiveContainer>
  );
}
