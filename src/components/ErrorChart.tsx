import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useAppState } from '../state/appContext';
import type { XAxisUnit } from './chartData';
import { ChartControls, DEFAULT_CHART_VIEW, type ChartView } from './ChartControls';
import { ChartLegend } from './ChartLegend';
import { chartModel } from './chart/chartModel';
import { LearningRateStrip } from './chart/LearningRateStrip';
import { LR_LABEL_STRIP } from './chart/lrDropLabelLayout';
import { MetricPlot } from './chart/MetricPlot';
import { TABLE6_MARGIN } from './chart/Table6Stars';
import { useDragZoom } from './chart/useDragZoom';
import { clampZoom, type XRange } from './chart/xZoom';
import { ZoomControls } from './chart/ZoomControls';
import type { LegendEntry } from './runStyle';
import './chart.css';

export type { ChartView } from './ChartControls';

/** The y axes' width (px), the same on the plot and the lr strip so their x axes line up. */
const Y_AXIS_WIDTH = 64;

/** The chart's view state (x unit, metric, overlay, smoothing, log y, Table 6, lr strip), for a parent that wants
 *  to own it: `const [view, setView] = useChartView(); <ErrorChart view={view} onViewChange={setView} />`. */
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

/** Training error (dashed) and test error (solid) in %, like the paper's Fig. 6, for the visible runs; or their
 *  loss; with an optional learning-rate strip, and a zoom into an x range shared by both. */
export function ErrorChart({ actions, view: controlledView, onViewChange }: ErrorChartProps) {
  const runs = useAppState((state) => state.runs);
  const [ownView, setOwnView] = useChartView();
  const view = controlledView ?? ownView;
  const setView = onViewChange ?? setOwnView;
  // A zoom is kept in the unit it was chosen in; switching between iterations and epochs shows the whole axis.
  const [zoom, setZoom] = useState<{ unit: XAxisUnit; range: XRange } | null>(null);
  const zoomRange = zoom && zoom.unit === view.unit ? zoom.range : null;
  const model = useMemo(() => chartModel(runs, view, zoomRange), [runs, view, zoomRange]);
  const extent: XRange = [0, model.xEnd];
  const zoomTo = (range: XRange | null) => setZoom(range ? { unit: view.unit, range } : null);
  const drag = useDragZoom((a, b) => zoomTo(clampZoom(a, b, extent)));

  const containerRef = useRef<HTMLDivElement>(null);
  const getSvg = useCallback(() => containerRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface') ?? null, []);
  const headerActions = typeof actions === 'function' ? actions({ view, getSvg, legend: model.legend }) : actions;

  const hasPoints = model.rows.length > 0;
  const quantity = model.metric === 'loss' ? 'Loss (cross-entropy)' : 'Error (%)';
  const margin = {
    // Room above the plot for the "lr ÷10" labels; on the right for Table 6's labelled stars.
    top: model.lrDrops.length > 0 ? LR_LABEL_STRIP + 4 : 8,
    right: model.table6.stars.length > 0 ? TABLE6_MARGIN : 24,
    bottom: 24,
    left: 8,
  };
  // The overlay was chosen but the loss is shown: say why it is not drawn.
  const referenceHidden = model.metric === 'loss' && view.referenceId !== '';

  return (
    <section className="error-chart" aria-label="Error chart">
      <header className="chart-header">
        <h2>{quantity} — dashed: training, solid: test</h2>
        <ChartControls view={view} onChange={setView} />
        {headerActions ? <div className="chart-actions">{headerActions}</div> : null}
      </header>
      {hasPoints || model.legend.length > 0 ? <ChartLegend entries={model.legend} reference={model.reference} metric={model.metric} table6Key={hasPoints ? model.table6Key : null} /> : null}
      <div className="chart-body" data-testid="error-chart" data-points={model.rows.length}>
        {hasPoints ? (
          <div ref={containerRef} className="chart-plot" data-testid="chart-svg-container">
            <MetricPlot model={model} unit={view.unit} smoothed={view.smoothing > 0} drag={drag} margin={margin} yAxisWidth={Y_AXIS_WIDTH} />
          </div>
        ) : (
          <p className="chart-empty">
            {model.legend.length > 0
              ? 'Every run is hidden: click a name in the legend to show it again.'
              : 'Press Train (or Run experiment): the training curve (dashed) appears after the first steps, the test curve (solid) after each evaluation.'}
          </p>
        )}
        {hasPoints && view.lrStrip ? (
          <LearningRateStrip runs={model.shown} unit={view.unit} range={model.range} xFormat={model.xFormat} margin={margin} yAxisWidth={Y_AXIS_WIDTH} />
        ) : null}
        {hasPoints ? <ZoomControls unit={view.unit} range={model.range} extent={extent} zoomed={model.zoomed} onZoom={zoomTo} /> : null}
      </div>
      {model.reference ? (
        <p className="chart-caption" data-testid="reference-caption">
          Faint lines: {model.reference.label}, measured outside this app with the same §4.2 recipe ({String(model.reference.device.gpu ?? 'GPU')},
          PyTorch {String(model.reference.device.torch ?? '')}, seed 0, batch 128): not results of this browser.
        </p>
      ) : referenceHidden ? (
        <p className="chart-caption" data-testid="reference-caption">
          The PyTorch reference has error curves only (no loss): it is drawn when Show is set to error.
        </p>
      ) : null}
    </section>
  );
}
