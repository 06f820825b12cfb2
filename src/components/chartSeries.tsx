// What the error chart draws besides its axes: the runs' curves, the reference overlay, the lr drops and the
// paper's Table 6 markers. Curves are returned as arrays of <Line> so they can sit directly in <LineChart>.
import { Line, ReferenceDot, ReferenceLine, useYAxisScale, usePlotArea, type DotItemDotProps } from 'recharts';
import { referenceRunName, type ReferenceSet } from '../reference/referenceCurves';
import { table6Label, table6Title, type Table6Result } from '../reference/paperTable6';
import { markedXs, referenceTestKey, referenceTrainKey, smoothedTrainKey, spreadLabels, testKey, trainKey, type XAxisUnit } from './chartData';
import { curveStyle, depthColour, markerPath, starPath, TRAIN_DASH, type CurveStyle, type RunMarker, type RunStyle } from './runStyle';

/** What every curve shares: no animation while streaming, gaps bridged (curves are sampled at different x). */
const CURVE = { connectNulls: true, isAnimationActive: false } as const;

const MARKER_RADIUS = 3.5;

interface GlyphProps {
  marker: RunMarker;
  filled: boolean;
  colour: string;
  cx?: number;
  cy?: number;
  r?: number;
}

/** A run's marker: filled in its colour (residual) or hollow, white inside (plain). Used in the chart and legend. */
export function MarkerGlyph({ marker, filled, colour, cx = 0, cy = 0, r = MARKER_RADIUS }: GlyphProps) {
  return (
    <path
      d={markerPath(marker, r)}
      transform={`translate(${cx},${cy})`}
      fill={filled ? colour : '#fff'}
      stroke={colour}
      strokeWidth={filled ? 1 : 1.5}
    />
  );
}

export interface RunSeries {
  style: RunStyle;
  /** x values of the test points that get a marker (see markedTestXs). */
  marked: Set<number>;
}

/** Dots of a test curve: recharts calls this for every row, most of which have no test point or no marker. */
function testDots({ marker, filled, colour }: Pick<CurveStyle, 'marker' | 'filled' | 'colour'>, marked: Set<number>, faint = false) {
  return function TestDot(props: DotItemDotProps) {
    const { cx, cy, payload, value } = props;
    if (cx == null || cy == null || value == null || !marked.has((payload as { x: number }).x)) return null;
    return (
      <g opacity={faint ? 0.5 : 1}>
        <MarkerGlyph marker={marker} filled={filled} colour={colour} cx={cx} cy={cy} r={faint ? 2.5 : MARKER_RADIUS} />
      </g>
    );
  };
}

/** Fig. 6: training error dashed, test error solid, in the depth's colour. With smoothing on, the raw training
 *  curve stays visible but faint, and the smoothed one takes its place. */
export function runLines(series: readonly RunSeries[], smoothed: boolean) {
  return series.flatMap(({ style, marked }) => {
    const { runId, name, colour, trainWidth, testWidth } = style;
    const smoothedLine = smoothed
      ? [<Line key={smoothedTrainKey(runId)} dataKey={smoothedTrainKey(runId)} name={`${name} train (smoothed)`} stroke={colour} strokeDasharray={TRAIN_DASH} strokeWidth={trainWidth} dot={false} {...CURVE} />]
      : [];
    return [
      <Line
        key={trainKey(runId)}
        dataKey={trainKey(runId)}
        name={smoothed ? `${name} train (raw)` : `${name} train`}
        stroke={colour}
        strokeOpacity={smoothed ? 0.25 : 1}
        strokeDasharray={TRAIN_DASH}
        strokeWidth={smoothed ? 1 : trainWidth}
        dot={false}
        {...CURVE}
      />,
      ...smoothedLine,
      <Line key={testKey(runId)} dataKey={testKey(runId)} name={`${name} test`} stroke={colour} strokeWidth={testWidth} dot={testDots(style, marked)} {...CURVE} />,
    ];
  });
}

/** The PyTorch reference runs: the depth's colour and marker like a run of this session, but faint, thin and
 *  with small markers, so they read as background. */
export function referenceLines(reference: ReferenceSet | undefined, unit: XAxisUnit) {
  return (reference?.runs ?? []).flatMap((run) => {
    const style = curveStyle(run);
    const { colour, trainWidth, testWidth } = style;
    const name = `${referenceRunName(run)} (PyTorch ref.)`;
    const marked = markedXs(run.epochs.map((p) => (unit === 'iteration' ? p.iteration : p.iteration / run.iterationsPerEpoch)));
    return [
      <Line key={referenceTrainKey(run.name)} dataKey={referenceTrainKey(run.name)} name={`${name} train`} stroke={colour} strokeOpacity={0.4} strokeDasharray="3 3" strokeWidth={trainWidth * 0.75} dot={false} {...CURVE} />,
      <Line key={referenceTestKey(run.name)} dataKey={referenceTestKey(run.name)} name={`${name} test`} stroke={colour} strokeOpacity={0.5} strokeWidth={testWidth * 0.6} dot={testDots(style, marked, true)} {...CURVE} />,
    ];
  });
}

/** §4.2: lr ÷10 at 50% and 75% of each run; one line per distinct x (see lrDropXs). */
export function lrDropLines(xs: readonly number[]) {
  return xs.map((x) => (
    <ReferenceLine key={`lr-drop-${x}`} x={x} stroke="#999" strokeDasharray="4 4" label={{ value: 'lr ÷10', position: 'insideTopRight', fill: '#777', fontSize: 11 }} />
  ));
}

/** Space a Table 6 label needs (px). The star sits just right of the axis end, in the margin, so it never
 *  covers the runs' last test markers; its label starts further right. */
const LABEL_GAP = 13;
const STAR_OFFSET = 8;
const LABEL_OFFSET = 20;
/** Right chart margin (px) that makes room for "paper ResNet-1202: 7.93%". */
export const TABLE6_MARGIN = 180;

/** The paper's Table 6 test errors as stars at the right end of the x axis (the end of the schedule), each
 *  labelled "paper ResNet-56: 6.97%" in the right margin. The numbers crowd (6.43 to 8.75%), so the labels are
 *  spread apart and tied to their stars by a thin leader. A component, so it can read the chart's y scale. */
export function Table6Markers({ results, x }: { results: readonly Table6Result[]; x: number }) {
  const yScale = useYAxisScale();
  const plot = usePlotArea();
  const ys = results.map((result) => yScale?.(result.testError) ?? 0);
  const labelYs = yScale && plot ? spreadLabels(ys, LABEL_GAP, plot.y + LABEL_GAP / 2, plot.y + plot.height - LABEL_GAP / 2) : ys;
  return results.map((result, i) => {
    const colour = depthColour(result.depth);
    const dy = labelYs[i] - ys[i];
    return (
      <ReferenceDot
        key={result.depth}
        x={x}
        y={result.testError}
        r={7}
        ifOverflow="visible"
        className="table6-marker"
        shape={({ cx = 0, cy = 0 }) => (
          <g data-testid="table6-marker" data-depth={result.depth}>
            <title>{table6Title(result)}</title>
            <path d={`M${cx},${cy}H${cx + STAR_OFFSET}M${cx + STAR_OFFSET + 6},${cy}L${cx + LABEL_OFFSET - 2},${cy + dy}`} stroke={colour} strokeWidth={0.75} fill="none" />
            <path d={starPath(6)} transform={`translate(${cx + STAR_OFFSET},${cy})`} fill={colour} stroke="#fff" strokeWidth={0.5} />
            <text x={cx + LABEL_OFFSET} y={cy + dy} dominantBaseline="central" fontSize={11} fill="#333">
              {table6Label(result)}
            </text>
          </g>
        )}
      />
    );
  });
}
