// The curves the chart draws: the runs' training and test curves and the reference overlay's, each with its
// run's marker at a few evenly spaced points (chart/curveMarkers.ts). Returned as arrays of <Line> so they can
// sit directly in <LineChart>.
import { Line, usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { referenceTestKey, referenceTrainKey, smoothedTrainKey, testKey, trainKey, type ChartRow } from './chartData';
import { curvePath, type PixelPoint } from './chart/curvePath';
import { markerPath, type CurveStyle, type ReferenceStyle, type RunMarker, type RunStyle } from './runStyle';

interface CurveShapeProps {
  points?: readonly PixelPoint[];
  stroke?: string;
  strokeWidth?: number | string;
  strokeDasharray?: number | string;
  strokeOpacity?: number | string;
  clipPath?: string;
}

/** A curve as one <path>, without the ref through which recharts measures the path's length on every render
 *  (chart/curvePath.ts). */
export function CurveShape({ points, stroke, strokeWidth, strokeDasharray, strokeOpacity, clipPath }: CurveShapeProps) {
  return (
    <path
      className="recharts-curve recharts-line-curve"
      d={curvePath(points)}
      fill="none"
      stroke={stroke}
      strokeWidth={strokeWidth}
      strokeDasharray={strokeDasharray}
      strokeOpacity={strokeOpacity}
      clipPath={clipPath}
    />
  );
}

/** What every curve shares: no animation while streaming, gaps bridged (curves are sampled at different x), drawn
 *  as a plain path. */
const CURVE = { connectNulls: true, isAnimationActive: false, shape: CurveShape } as const;

/** Marker radii (px): the test curve's a little larger, as its line is the bolder one (Fig. 6). */
const TEST_MARKER_RADIUS = 3.5;
const TRAIN_MARKER_RADIUS = 3;
const REFERENCE_MARKER_RADIUS = 2.5;

interface GlyphProps {
  marker: RunMarker;
  filled: boolean;
  colour: string;
  cx?: number;
  cy?: number;
  r?: number;
}

/** A run's marker: filled in its colour (residual) or hollow, the surface's colour inside (plain), so it reads
 *  the same on a light and a dark page. Used in the chart and the legend. */
export function MarkerGlyph({ marker, filled, colour, cx = 0, cy = 0, r = TEST_MARKER_RADIUS }: GlyphProps) {
  return (
    <path
      d={markerPath(marker, r)}
      transform={`translate(${cx},${cy})`}
      fill={filled ? colour : 'var(--surface)'}
      stroke={colour}
      strokeWidth={filled ? 1 : 1.5}
    />
  );
}

/** One marker to draw: where (in data units) and how. */
export interface MarkerPoint {
  key: string;
  x: number;
  y: number;
  marker: RunMarker;
  filled: boolean;
  colour: string;
  r: number;
  opacity: number;
}

type Glyph = Pick<CurveStyle, 'marker' | 'filled' | 'colour'>;

/** The markers of every curve, from the chosen x values (chartModel's markers) and the rows' y there. Drawn by
 *  CurveMarkers in one layer rather than as recharts dots: a dot renderer is called for every row of every line
 *  (thousands of prop objects per redraw, the largest cost in a profile of a redraw; issue 20, finding 2). */
export function markerPoints(
  rows: readonly ChartRow[],
  markers: ReadonlyMap<string, ReadonlySet<number>>,
  styles: readonly RunStyle[],
  references: readonly ReferenceStyle[],
  smoothed: boolean,
): MarkerPoint[] {
  const byX = new Map(rows.map((row) => [row.x, row]));
  const points: MarkerPoint[] = [];
  const add = (key: string, glyph: Glyph, r: number, opacity: number) => {
    for (const x of markers.get(key) ?? []) {
      const y = byX.get(x)?.[key];
      if (y !== undefined) points.push({ key: `${key}@${x}`, x, y, marker: glyph.marker, filled: glyph.filled, colour: glyph.colour, r, opacity });
    }
  };
  for (const style of references) {
    add(referenceTrainKey(style.run.name), style, REFERENCE_MARKER_RADIUS, 0.4);
    add(referenceTestKey(style.run.name), style, REFERENCE_MARKER_RADIUS, 0.5);
  }
  for (const style of styles) {
    add(smoothed ? smoothedTrainKey(style.runId) : trainKey(style.runId), style, TRAIN_MARKER_RADIUS, 1);
    add(testKey(style.runId), style, TEST_MARKER_RADIUS, 1);
  }
  return points;
}

/** The markers, placed with the chart's own scales (a child of <LineChart>). */
export function CurveMarkers({ points }: { points: readonly MarkerPoint[] }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const plot = usePlotArea();
  if (!xScale || !yScale || !plot) return null;
  return (
    <g className="curve-markers">
      {points.map((point) => {
        const cx = xScale(point.x);
        const cy = yScale(point.y);
        // Outside the plot (a zoom, a clipped log axis): not drawn.
        if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return null;
        if (cx < plot.x - 1 || cx > plot.x + plot.width + 1 || cy < plot.y - 1 || cy > plot.y + plot.height + 1) return null;
        return (
          <g key={point.key} opacity={point.opacity} className="curve-marker">
            <MarkerGlyph marker={point.marker} filled={point.filled} colour={point.colour} cx={cx} cy={cy} r={point.r} />
          </g>
        );
      })}
    </g>
  );
}

/** Fig. 6: training error dashed (short dashes plain, long dashes residual), test error solid, in the run's own
 *  colour; the markers on both are drawn by CurveMarkers. With smoothing on, the raw training curve stays visible
 *  but faint, and the smoothed one takes its place. */
export function runLines(styles: readonly RunStyle[], smoothed: boolean) {
  return styles.flatMap((style) => {
    const { runId, name, colour, trainWidth, testWidth, trainDash } = style;
    const smoothedLine = smoothed
      ? [<Line key={smoothedTrainKey(runId)} dataKey={smoothedTrainKey(runId)} name={`${name} train (smoothed)`} stroke={colour} strokeDasharray={trainDash} strokeWidth={trainWidth} dot={false} {...CURVE} />]
      : [];
    return [
      <Line
        key={trainKey(runId)}
        dataKey={trainKey(runId)}
        name={smoothed ? `${name} train (raw)` : `${name} train`}
        stroke={colour}
        strokeOpacity={smoothed ? 0.25 : 1}
        strokeDasharray={trainDash}
        strokeWidth={smoothed ? 1 : trainWidth}
        dot={false}
        {...CURVE}
      />,
      ...smoothedLine,
      <Line key={testKey(runId)} dataKey={testKey(runId)} name={`${name} test`} stroke={colour} strokeWidth={testWidth} dot={false} {...CURVE} />,
    ];
  });
}

/** The PyTorch reference runs: each its own colour, dash and marker like a run of this session, but faint, thin
 *  and with small markers, so they read as background. */
export function referenceLines(styles: readonly ReferenceStyle[]) {
  return styles.flatMap((style) => {
    const { run, name, colour, trainWidth, testWidth, trainDash } = style;
    return [
      <Line key={referenceTrainKey(run.name)} dataKey={referenceTrainKey(run.name)} name={`${name} train`} stroke={colour} strokeOpacity={0.4} strokeDasharray={trainDash} strokeWidth={trainWidth * 0.75} dot={false} {...CURVE} />,
      <Line key={referenceTestKey(run.name)} dataKey={referenceTestKey(run.name)} name={`${name} test`} stroke={colour} strokeOpacity={0.5} strokeWidth={testWidth * 0.6} dot={false} {...CURVE} />,
    ];
  });
}
