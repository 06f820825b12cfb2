// One of the diagnostics' small line plots (the stage lines under the heatmaps, the two Fig. 7 plots), drawn as our
// own SVG: a grid, two labelled axes, a path per run (with its markers where asked) and a readout under the pointer.
//
// Why not recharts, which draws the error chart: a recharts chart keeps its data in a store that it updates from an
// effect, and that update re-renders the whole chart synchronously, in one task that React cannot slice. Six of them
// following a run once a second made the page's long tasks (issue 20, finding 2: with the diagnostics in view
// 0.4-1.5 s of long tasks per 30 s, with them hidden none). These plots need none of what recharts adds (zoom,
// brushing, animation), so they are a few paths that React renders in slices like the rest of the page.
import { memo, useId, useMemo, useRef, useState, type PointerEvent } from 'react';
import { curvePath } from '../chart/curvePath';
import { useElementWidth } from '../chart/useElementWidth';
import { MarkerGlyph } from '../chartSeries';
import type { RunMarker } from '../runStyle';
import { axisPosition, nearestIndex, type AxisScale } from './plotScale';
import type { LineLook } from './runLine';

export interface PlotLine {
  key: string;
  name: string;
  /** [x, y] in data units, ascending x. */
  points: readonly (readonly [number, number])[];
  look: LineLook;
  /** A marker at every point (Fig. 7 has a few dozen per line). */
  marker?: { marker: RunMarker; filled: boolean; colour: string; r: number };
}

export interface PlotAxis {
  domain: readonly [number, number];
  scale?: AxisScale;
  ticks: readonly number[];
  format: (value: number) => string;
  label?: string;
}

interface SmallPlotProps {
  height: number;
  lines: readonly PlotLine[];
  x: PlotAxis;
  y: PlotAxis;
  /** Room for the y tick labels (px). */
  yAxisWidth: number;
  /** The readout's heading and values: "iteration 1,200", "0.84". */
  xText: (x: number) => string;
  valueText: (y: number) => string;
}

/** Space around the plot area (px): the x ticks below it (and its label, if any). */
const TOP = 6;
const RIGHT = 12;
const X_TICKS_HEIGHT = 18;
const X_LABEL_HEIGHT = 16;
/** The readout's max-width in diagnostics.css, plus a margin. */
const READOUT_WIDTH = 250;

interface Readout {
  left: number;
  top: number;
  /** The plot-area x (px) of the cursor line. */
  cursor: number;
  heading: string;
  rows: { key: string; name: string; value: string; colour: string }[];
}

export const SmallPlot = memo(function SmallPlot({ height, lines, x, y, yAxisWidth, xText, valueText }: SmallPlotProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box, 300);
  const clipId = useId();
  const [readout, setReadout] = useState<Readout | null>(null);

  const area = {
    left: yAxisWidth,
    top: TOP,
    width: Math.max(10, width - yAxisWidth - RIGHT),
    height: Math.max(10, height - TOP - X_TICKS_HEIGHT - (x.label ? X_LABEL_HEIGHT : 0)),
  };
  const xAxis = { domain: x.domain, scale: x.scale ?? 'linear' };
  const yAxis = { domain: y.domain, scale: y.scale ?? 'linear' };
  const toPx = (value: number): number | null => {
    const t = axisPosition(value, xAxis);
    return t === null ? null : area.left + t * area.width;
  };
  const toPy = (value: number): number | null => {
    const t = axisPosition(value, yAxis);
    return t === null ? null : area.top + (1 - t) * area.height;
  };
  const geometryKey = `${width}|${height}|${x.domain.join()}|${xAxis.scale}|${y.domain.join()}|${yAxis.scale}|${yAxisWidth}`;

  // The paths and markers change with the lines and the geometry only, not with the pointer's readout.
  const drawn = useMemo(
    () =>
      lines.map((line) => {
        const pixels = line.points.map(([px, py]) => ({ x: toPx(px), y: toPy(py) }));
        return { line, d: curvePath(pixels), pixels };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- geometryKey stands for the scales
    [lines, geometryKey],
  );
  // Every x any line has, ascending: the readout snaps to the nearest.
  const xs = useMemo(() => [...new Set(lines.flatMap((line) => line.points.map(([px]) => px)))].sort((a, b) => a - b), [lines]);

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const svgBox = event.currentTarget.getBoundingClientRect();
    const t = (event.clientX - svgBox.left - area.left) / area.width;
    const [low, high] = x.domain;
    const index = nearestIndex(xs, low + Math.min(1, Math.max(0, t)) * (high - low));
    if (index < 0) return setReadout(null);
    const at = xs[index];
    const rows = lines.flatMap((line) => {
      const i = nearestIndex(line.points.map(([px]) => px), at);
      if (i < 0) return [];
      return [{ key: line.key, name: line.name, value: valueText(line.points[i][1]), colour: line.look.stroke }];
    });
    setReadout({
      left: Math.max(4, Math.min(event.clientX + 12, window.innerWidth - READOUT_WIDTH)),
      top: event.clientY + 14,
      cursor: toPx(at) ?? area.left,
      heading: xText(at),
      rows,
    });
  };

  const bottom = area.top + area.height;
  const right = area.left + area.width;
  return (
    <div ref={box} className="small-plot">
      <svg width={width} height={height} className="small-plot-svg" aria-hidden="true" onPointerMove={onPointerMove} onPointerLeave={() => setReadout(null)}>
        <defs>
          <clipPath id={clipId}>
            {/* A marker's radius beyond the area, so points on its edges are drawn whole. */}
            <rect x={area.left - 4} y={area.top - 4} width={area.width + 8} height={area.height + 8} />
          </clipPath>
        </defs>
        <g className="small-plot-grid" stroke="var(--grid)" strokeDasharray="2 4">
          {y.ticks.map((tick) => {
            const py = toPy(tick);
            return py === null ? null : <line key={tick} x1={area.left} x2={right} y1={py} y2={py} />;
          })}
          {x.ticks.map((tick) => {
            const px = toPx(tick);
            return px === null ? null : <line key={tick} x1={px} x2={px} y1={area.top} y2={bottom} />;
          })}
        </g>
        <g className="small-plot-axis" fill="var(--text-muted)" fontSize={11}>
          <line x1={area.left} x2={area.left} y1={area.top} y2={bottom} stroke="var(--text-muted)" />
          <line x1={area.left} x2={right} y1={bottom} y2={bottom} stroke="var(--text-muted)" />
          {y.ticks.map((tick) => {
            const py = toPy(tick);
            return py === null ? null : (
              <text key={tick} x={area.left - 5} y={py} textAnchor="end" dominantBaseline="middle">
                {y.format(tick)}
              </text>
            );
          })}
          {x.ticks.map((tick) => {
            const px = toPx(tick);
            return px === null ? null : (
              <text key={tick} x={px} y={bottom + 13} textAnchor="middle">
                {x.format(tick)}
              </text>
            );
          })}
          {x.label ? (
            <text x={area.left + area.width / 2} y={bottom + X_TICKS_HEIGHT + 10} textAnchor="middle">
              {x.label}
            </text>
          ) : null}
          {y.label ? (
            <text transform={`translate(10,${area.top + area.height / 2}) rotate(-90)`} textAnchor="middle">
              {y.label}
            </text>
          ) : null}
        </g>
        <g clipPath={`url(#${clipId})`}>
          {drawn.map(({ line, d }) => (
            <path key={line.key} className="small-plot-line" d={d} fill="none" {...line.look} />
          ))}
          {drawn.map(({ line, pixels }) =>
            line.marker ? (
              <g key={line.key} className="small-plot-markers">
                {pixels.map((p, i) =>
                  p.x === null || p.y === null ? null : <MarkerGlyph key={i} marker={line.marker!.marker} filled={line.marker!.filled} colour={line.marker!.colour} cx={p.x} cy={p.y} r={line.marker!.r} />,
                )}
              </g>
            ) : null,
          )}
        </g>
        {readout ? <line x1={readout.cursor} x2={readout.cursor} y1={area.top} y2={bottom} stroke="var(--text-muted)" strokeDasharray="2 2" /> : null}
      </svg>
      {readout ? (
        <div className="diag-hover small-plot-readout" role="presentation" style={{ left: readout.left, top: readout.top }}>
          <div>{readout.heading}</div>
          {readout.rows.map((row) => (
            <div key={row.key}>
              <span style={{ color: row.colour }} aria-hidden="true">
                ●{' '}
              </span>
              {row.name}: {row.value}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
});
