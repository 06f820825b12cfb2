import { useCallback, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { activeRun, type Run } from '../state/appState';
import { usePacedAppState, useAppState } from '../state/appContext';
import type { XAxisUnit } from './chartData';
import { chartDescription, chartTitle } from './chart/chartDescription';
import { chartRunsSelector } from './chart/chartRuns';
import { emptyChartText } from './chart/emptyChartText';
import { useElementWidth } from './chart/useElementWidth';
import { useInView } from './useInView';
import { ChartControls, DEFAULT_CHART_VIEW, type ChartView } from './ChartControls';
import { ChartLegend } from './ChartLegend';
import { chartModel } from './chart/chartModel';
import { LearningRateStrip } from './chart/LearningRateStrip';
import { LR_LABEL_STRIP } from './chart/lrDropLabelLayout';
import { MetricPlot } from './chart/MetricPlot';
import { TABLE6_MARGIN } from './chart/Table6Stars';
import { useDragZoom } from './chart/useDragZoom';
import { CURVES_INTERVAL_MS, drawCurvesAtOnce } from './chart/curvesPace';
import { clampZoom, type XRange } from './chart/xZoom';
import { ZoomControls } from './chart/ZoomControls';
import type { LegendEntry, ReferenceStyle } from './runStyle';
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
  /** The reference overlay's runs as drawn (their colours), empty without an overlay. */
  referenceLegend: ReferenceStyle[];
  /** The runs as the chart has them (unchanged through progress ticks; see chart/chartRuns.ts). */
  runs: readonly Run[];
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
  // Re-rendered only when something it draws changed, and not while scrolled out of view (issue 20, finding 2):
  // out of view the selector keeps its last answer, so a store update renders nothing; back in view it catches up.
  const sectionRef = useRef<HTMLElement>(null);
  const inView = useInView(sectionRef);
  const selectRuns = useMemo(chartRunsSelector, []);
  const training = useAppState((state) => activeRun(state) !== undefined);
  const runs = usePacedAppState((state) => selectRuns(state, !inView), training ? CURVES_INTERVAL_MS : 0, drawCurvesAtOnce);
  const emptyText = useAppState((state) => emptyChartText(state.runs));
  const [ownView, setOwnView] = useChartView();
  const view = controlledView ?? ownView;
  const setView = onViewChange ?? setOwnView;
  // A zoom is kept in the unit it was chosen in; switching between iterations and epochs shows the whole axis.
  const [zoom, setZoom] = useState<{ unit: XAxisUnit; range: XRange } | null>(null);
  const zoomRange = zoom && zoom.unit === view.unit ? zoom.range : null;
  // The curves are thinned to the plot's width in px (chart/downsample.ts); 800 px until it is measured.
  const bodyRef = useRef<HTMLDivElement>(null);
  const bodyWidth = useElementWidth(bodyRef, 880);
  const tableMargin = view.paperTable6 ? TABLE6_MARGIN : 24;
  const plotWidth = Math.max(100, bodyWidth - Y_AXIS_WIDTH - 8 - tableMargin);
  const model = useMemo(() => chartModel(runs, view, zoomRange, plotWidth), [runs, view, zoomRange, plotWidth]);
  const extent: XRange = [0, model.xEnd];
  const zoomTo = (range: XRange | null) => setZoom(range ? { unit: view.unit, range } : null);
  const drag = useDragZoom((a, b) => zoomTo(clampZoom(a, b, extent)));

  const containerRef = useRef<HTMLDivElement>(null);
  const descriptionId = useId();
  const getSvg = useCallback(() => containerRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface') ?? null, []);
  const headerActions = typeof actions === 'function' ? actions({ view, getSvg, legend: model.legend, referenceLegend: model.referenceStyles, runs }) : actions;

  const hasPoints = model.rows.length > 0;
  const quantity = model.metric === 'loss' ? 'Loss (cross-entropy)' : 'Error (%)';
  // Room above the plot for the "lr ÷10" labels; on the right for Table 6's labelled stars. Kept between renders:
  // recharts re-lays out the chart when its margin object changes.
  const marginTop = model.lrDrops.length > 0 ? LR_LABEL_STRIP + 4 : 8;
  const marginRight = model.table6.stars.length > 0 ? TABLE6_MARGIN : 24;
  const margin = useMemo(() => ({ top: marginTop, right: marginRight, bottom: 24, left: 8 }), [marginTop, marginRight]);
  // The overlay was chosen but the loss is shown: say why it is not drawn.
  const referenceHidden = model.metric === 'loss' && view.referenceId !== '';

  return (
    <section ref={sectionRef} className="error-chart" aria-label="Error chart">
      <header className="chart-header">
        <h2>{quantity}</h2>
        <ChartControls view={view} onChange={setView} />
        {headerActions ? <div className="chart-actions">{headerActions}</div> : null}
      </header>
      {hasPoints || model.legend.length > 0 ? (
        <ChartLegend entries={model.legend} references={model.referenceStyles} referenceLabel={model.reference?.label} metric={model.metric} table6Key={hasPoints ? model.table6Key : null} />
      ) : null}
      <div ref={bodyRef} className="chart-body" data-testid="error-chart" data-points={model.rows.length}>
        {hasPoints ? (
          <div ref={containerRef} className="chart-plot" data-testid="chart-svg-container">
            <MetricPlot
              model={model}
              unit={view.unit}
              smoothed={view.smoothing > 0}
              drag={drag}
              margin={margin}
              yAxisWidth={Y_AXIS_WIDTH}
              title={chartTitle(model, view.unit)}
              describedBy={descriptionId}
            />
            <p id={descriptionId} className="visually-hidden">
              {chartDescription(model, view.unit)}
            </p>
          </div>
        ) : (
          <p className="chart-empty" data-testid="chart-empty" role="status">
            {emptyText}
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
