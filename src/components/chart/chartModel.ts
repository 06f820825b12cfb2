// Everything the chart draws, decided from the runs and the user's view in one pure function (so it can be
// tested without a browser): rows, axes, which points carry markers, the lr drops, and where Table 6 goes.
import { table6ForModels } from '../../reference/paperTable6';
import { referenceSetById, type ReferenceSet } from '../../reference/referenceCurves';
import { lrDropIterations } from '../../engine/schedule';
import type { Run } from '../../state/appState';
import {
  buildChartRows,
  lrDropXs,
  referenceTestKey,
  referenceTrainKey,
  smoothedTrainKey,
  testKey,
  trainKey,
  visibleRuns,
  xAxisFormat,
  type ChartRow,
  type XAxisFormat,
  type XAxisUnit,
} from '../chartData';
import type { ChartView } from '../ChartControls';
import { legendEntries, referenceStyles, runStyles, type LegendEntry, type ReferenceStyle, type RunStyle } from '../runStyle';
import { markerPhase, markerXs } from './curveMarkers';
import { NO_TABLE6, table6Display, table6KeyText, type Table6Display } from './table6Display';
import { axisEnd, axisEndIterations } from './xExtent';
import { visibleRange, type XRange } from './xZoom';
import { yAxisSpec, type ChartMetric, type YAxisSpec } from './yAxisSpec';

export interface ChartModel {
  /** Runs drawn (with points, not hidden), oldest first, and their styles in the same order. */
  shown: Run[];
  styles: RunStyle[];
  /** One entry per run with points, hidden ones too (the legend toggles them). */
  legend: LegendEntry[];
  /** The overlay's runs with their colours (after the runs'), empty without an overlay. */
  referenceStyles: ReferenceStyle[];
  metric: ChartMetric;
  /** The PyTorch overlay as drawn: only on the error chart (it has no loss curves). */
  reference?: ReferenceSet;
  rows: ChartRow[];
  /** End of the whole x axis, in the view's unit. */
  xEnd: number;
  /** The x range drawn: the zoom, or [0, xEnd]. */
  range: XRange;
  zoomed: boolean;
  xFormat: XAxisFormat;
  yAxis: YAxisSpec;
  /** x values that carry a marker, by curve (data key). */
  markers: Map<string, Set<number>>;
  /** x of each distinct lr drop, in the view's unit. */
  lrDrops: number[];
  table6: Table6Display;
  /** The colour of each Table 6 star, by depth: that of the ResNet of that depth on the chart, else the text's. */
  table6Colours: Map<number, string>;
  /** The legend's line about Table 6; null when the Table 6 option is off or the chart shows the loss. */
  table6Key: string | null;
}

/** The reference runs used the same schedule shape (lr ÷10 at 50% and 75%, §4.2 scaled): their drops are marked
 *  too, so the sharp falls of the overlaid curves line up with a marked drop even with no run of this browser. */
function referenceDropSources(reference: ReferenceSet | undefined) {
  return (reference?.runs ?? []).map((run) => ({ lrDropIterations: lrDropIterations(run.totalIterations), iterationsPerEpoch: run.iterationsPerEpoch }));
}

/** The x values each curve (data key) has a point at, ascending (rows are sorted by x). */
function curveXs(rows: readonly ChartRow[]): Map<string, number[]> {
  const xs = new Map<string, number[]>();
  for (const row of rows) {
    for (const key in row) {
      if (key === 'x') continue;
      const list = xs.get(key);
      if (list) list.push(row.x);
      else xs.set(key, [row.x]);
    }
  }
  return xs;
}

/** Markers on every curve drawn: both curves of each run (the smoothed training curve when smoothing is on,
 *  the bold one), staggered by run so runs sampled at the same x do not hide each other's markers. */
function curveMarkers(rows: readonly ChartRow[], styles: readonly RunStyle[], reference: ReferenceSet | undefined, smoothed: boolean, range: XRange) {
  const xs = curveXs(rows);
  const markers = new Map<string, Set<number>>();
  const mark = (key: string, phase: number) => markers.set(key, markerXs(xs.get(key) ?? [], { phase, domain: range }));
  styles.forEach(({ runId }, i) => {
    const phase = markerPhase(i, styles.length);
    mark(smoothed ? smoothedTrainKey(runId) : trainKey(runId), phase);
    mark(testKey(runId), phase);
  });
  (reference?.runs ?? []).forEach((run, i, all) => {
    const phase = markerPhase(i, all.length);
    mark(referenceTrainKey(run.name), phase);
    mark(referenceTestKey(run.name), phase);
  });
  return markers;
}

/** The last x any visible run has a point at, in `unit` (points are kept in iteration order). */
function lastPointX(runs: readonly Run[], unit: XAxisUnit): number {
  let last = 0;
  for (const run of runs) {
    for (const point of [run.train[run.train.length - 1], run.test[run.test.length - 1]]) {
      if (point) last = Math.max(last, unit === 'iteration' ? point.iteration : point.epoch);
    }
  }
  return last;
}

/** Buckets across the plot for `plotWidth` px: one per two pixels, as each keeps two points (chart/downsample.ts). */
export const bucketsFor = (plotWidth: number) => Math.max(50, Math.round(plotWidth / 2));

/** `plotWidth`: the plot area's width in px, what the curves are thinned to (chart/downsample.ts). */
export function chartModel(runs: readonly Run[], view: ChartView, zoom: XRange | null, plotWidth = 800): ChartModel {
  const { unit, smoothing, logScale } = view;
  const metric = view.metric ?? 'error';
  const reference = metric === 'error' ? referenceSetById(view.referenceId) : undefined;
  const shown = visibleRuns(runs);
  // Colours are given among all runs with points (hidden ones too), so hiding one never repaints the others.
  const allStyles = runStyles(runs);
  const shownIds = new Set(shown.map((run) => run.id));
  const styles = allStyles.filter((style) => shownIds.has(style.runId));

  const xEnd = axisEnd(shown, reference, unit, lastPointX(shown, unit));
  const range = visibleRange(zoom, [0, xEnd]);
  const rows = buildChartRows(shown, { unit, reference, smoothing, metric, resolution: { range, buckets: bucketsFor(plotWidth) } });
  const zoomed = range[0] > 0 || range[1] < xEnd;
  const format = xAxisFormat(unit, zoomed ? range[1] - range[0] : xEnd);
  // A zoomed axis gets recharts' own round ticks: the fixed ones (0, 1, … 6.4 ×10⁴) are for the whole axis.
  const xFormat = zoomed ? { ...format, ticks: undefined } : format;
  const inView = rows.filter((row) => row.x >= range[0] && row.x <= range[1]);

  const endIterations = axisEndIterations(shown, reference);
  const models = [...shown.map((run) => run.config.model), ...(reference?.runs ?? []).map((run) => ({ depth: run.depth }))];
  const table6 = view.paperTable6 && metric === 'error' ? table6Display(table6ForModels(models), endIterations, range[1] >= xEnd) : NO_TABLE6;
  const depths = models.map((model) => model.depth);
  const overlay = referenceStyles(reference, allStyles.length);
  const table6Colours = new Map<number, string>();
  for (const { depth } of table6.stars) {
    const run = styles.find((_, i) => shown[i].config.model.depth === depth && shown[i].config.model.blockType === 'residual');
    const ref = overlay.find((style) => style.run.depth === depth && style.run.blockType === 'residual');
    table6Colours.set(depth, run?.colour ?? ref?.colour ?? 'var(--text)');
  }

  return {
    shown,
    styles,
    legend: legendEntries(runs),
    referenceStyles: overlay,
    metric,
    reference,
    rows,
    xEnd,
    range,
    zoomed,
    xFormat,
    yAxis: yAxisSpec(metric, inView.length > 0 ? inView : rows, logScale, table6.stars.map((star) => star.testError)),
    markers: curveMarkers(rows, styles, reference, smoothing > 0, range),
    lrDrops: lrDropXs([...shown, ...referenceDropSources(reference)], unit),
    table6,
    table6Colours,
    table6Key: view.paperTable6 && metric === 'error' ? table6KeyText(table6, unit === 'iteration' ? endIterations : xEnd, depths, unit) : null,
  };
}
