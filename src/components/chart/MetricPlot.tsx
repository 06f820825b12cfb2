// The plot itself: axes, the lr drops, the reference overlay, the runs' curves, Table 6's stars and the range
// being dragged for a zoom, all from the chart model (chart/chartModel.ts).
import { CartesianGrid, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CurveMarkers, markerPoints, referenceLines, runLines } from '../chartSeries';
import { xValueText, type XAxisUnit } from '../chartData';
import type { ChartModel } from './chartModel';
import { LrDropMarks } from './LrDropMarks';
import { Table6Stars } from './Table6Stars';
import type { DragZoom } from './useDragZoom';

export const PLOT_HEIGHT = 380;

const AXIS_TEXT = { fill: 'var(--text-muted)', fontSize: 12 };

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

export function MetricPlot({ model, unit, smoothed, drag, margin, yAxisWidth, title, describedBy }: MetricPlotProps) {
  const { rows, range, xFormat, yAxis, metric } = model;
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
        <CartesianGrid strokeDasharray="2 4" stroke="var(--grid)" />
        <XAxis
          dataKey="x"
          type="number"
          domain={[range[0], range[1]]}
          allowDataOverflow
          ticks={xFormat.ticks}
          allowDecimals={unit === 'epoch'}
          tickFormatter={xFormat.format}
          tick={AXIS_TEXT}
          stroke="var(--text-muted)"
          label={{ value: xFormat.label, position: 'insideBottom', offset: -12, fill: 'var(--text-muted)' }}
        />
        <YAxis
          scale={yAxis.scale}
          domain={yAxis.domain}
          ticks={yAxis.ticks}
          allowDataOverflow
          width={yAxisWidth}
          tickFormatter={yAxis.format}
          tick={AXIS_TEXT}
          stroke="var(--text-muted)"
          label={{ value: yAxis.label, angle: -90, position: 'insideLeft', fill: 'var(--text-muted)' }}
        />
        <Tooltip
          isAnimationActive={false}
          formatter={(value) => (typeof value !== 'number' ? String(value) : metric === 'loss' ? value.toFixed(3) : `${value.toFixed(2)}%`)}
          labelFormatter={(x) => xValueText(unit, Number(x))}
          contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
          // The series' own colours are not all legible as text on every surface; the names say which is which.
          itemStyle={{ color: 'var(--text)' }}
          cursor={{ stroke: 'var(--text-muted)', strokeDasharray: '2 2' }}
        />
        <LrDropMarks xs={model.lrDrops} range={range} />
        {referenceLines(model.referenceStyles)}
        {runLines(model.styles, smoothed)}
        <CurveMarkers points={markerPoints(model.rows, model.markers, model.styles, model.referenceStyles, smoothed)} />
        {model.table6.stars.length > 0 ? <Table6Stars results={model.table6.stars} colours={model.table6Colours} x={model.xEnd} /> : null}
        {drag.selection ? <ReferenceArea x1={drag.selection[0]} x2={drag.selection[1]} fill="var(--accent)" fillOpacity={0.15} stroke="var(--accent)" strokeOpacity={0.6} /> : null}
      </LineChart>
    </ResponsiveContainer>
  );
}
