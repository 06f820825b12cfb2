// The curves the chart draws: the runs' training and test curves and the reference overlay's, each with its
// run's marker at a few evenly spaced points (chart/curveMarkers.ts). Returned as arrays of <Line> so they can
// sit directly in <LineChart>.
import { Line, type DotItemDotProps } from 'recharts';
import { referenceTestKey, referenceTrainKey, smoothedTrainKey, testKey, trainKey } from './chartData';
import { markerPath, type CurveStyle, type ReferenceStyle, type RunMarker, type RunStyle } from './runStyle';

/** What every curve shares: no animation while streaming, gaps bridged (curves are sampled at different x). */
const CURVE = { connectNulls: true, isAnimationActive: false } as const;

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

type Glyph = Pick<CurveStyle, 'marker' | 'filled' | 'colour'>;

/** Dots of a curve: recharts calls this for every row, most of which have no point of this curve or no marker. */
function markerDots({ marker, filled, colour }: Glyph, marked: ReadonlySet<number> | undefined, r: number, opacity = 1) {
  return function CurveMarker(props: DotItemDotProps) {
    const { cx, cy, payload, value } = props;
    if (cx == null || cy == null || value == null || !marked?.has((payload as { x: number }).x)) return null;
    return (
      <g opacity={opacity} className="curve-marker">
        <MarkerGlyph marker={marker} filled={filled} colour={colour} cx={cx} cy={cy} r={r} />
      </g>
    );
  };
}

/** Fig. 6: training error dashed (short dashes plain, long dashes residual), test error solid, in the run's own
 *  colour, markers on both. With smoothing on, the raw training curve stays visible but faint and unmarked,
 *  and the smoothed one takes its place. */
export function runLines(styles: readonly RunStyle[], markers: ReadonlyMap<string, ReadonlySet<number>>, smoothed: boolean) {
  return styles.flatMap((style) => {
    const { runId, name, colour, trainWidth, testWidth, trainDash } = style;
    const trainMarkers = markerDots(style, markers.get(smoothed ? smoothedTrainKey(runId) : trainKey(runId)), TRAIN_MARKER_RADIUS);
    const smoothedLine = smoothed
      ? [<Line key={smoothedTrainKey(runId)} dataKey={smoothedTrainKey(runId)} name={`${name} train (smoothed)`} stroke={colour} strokeDasharray={trainDash} strokeWidth={trainWidth} dot={trainMarkers} {...CURVE} />]
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
        dot={smoothed ? false : trainMarkers}
        {...CURVE}
      />,
      ...smoothedLine,
      <Line key={testKey(runId)} dataKey={testKey(runId)} name={`${name} test`} stroke={colour} strokeWidth={testWidth} dot={markerDots(style, markers.get(testKey(runId)), TEST_MARKER_RADIUS)} {...CURVE} />,
    ];
  });
}

/** The PyTorch reference runs: each its own colour, dash and marker like a run of this session, but faint, thin
 *  and with small markers, so they read as background. */
export function referenceLines(styles: readonly ReferenceStyle[], markers: ReadonlyMap<string, ReadonlySet<number>>) {
  return styles.flatMap((style) => {
    const { run, name, colour, trainWidth, testWidth, trainDash } = style;
    const trainDots = markerDots(style, markers.get(referenceTrainKey(run.name)), REFERENCE_MARKER_RADIUS, 0.4);
    const testDots = markerDots(style, markers.get(referenceTestKey(run.name)), REFERENCE_MARKER_RADIUS, 0.5);
    return [
      <Line key={referenceTrainKey(run.name)} dataKey={referenceTrainKey(run.name)} name={`${name} train`} stroke={colour} strokeOpacity={0.4} strokeDasharray={trainDash} strokeWidth={trainWidth * 0.75} dot={trainDots} {...CURVE} />,
      <Line key={referenceTestKey(run.name)} dataKey={referenceTestKey(run.name)} name={`${name} test`} stroke={colour} strokeOpacity={0.5} strokeWidth={testWidth * 0.6} dot={testDots} {...CURVE} />,
    ];
  });
}
