// §4.2's learning-rate drops (÷10 at 50% and 75% of each run) as dashed vertical lines across the plot, each
// labelled "lr ÷10" in a strip ABOVE the plot area, so a label never covers a curve, a marker or another label.
// The lines are our own <line>s, not recharts' <ReferenceLine>: that one re-registers itself in recharts' store on
// every render (an effect without dependencies), and each registration recomputes every selector of the chart
// (233 ms per 30 s of profile while a micro pair trained; issue 20, finding 2).
import { usePlotArea, useXAxisScale } from 'recharts';
import { lrLabelCentres } from './lrDropLabelLayout';
import type { XRange } from './xZoom';

/** Gap (px) between a label's baseline and the top of the plot area; the leader to a pushed-aside label's line
 *  spans it. */
const BASELINE_ABOVE_PLOT = 7;

export function LrDropMarks({ xs, range }: { xs: readonly number[]; range: XRange }) {
  const xScale = useXAxisScale();
  const plot = usePlotArea();
  const inView = xs.filter((x) => x >= range[0] && x <= range[1]);
  // Each drop with its line's pixel x (none before recharts has laid out the axis).
  const drops = inView.flatMap((x) => {
    const lineX = xScale?.(x);
    return lineX !== undefined && Number.isFinite(lineX) ? [{ x, lineX }] : [];
  });
  if (!plot) return null;
  const centres = lrLabelCentres(drops.map((drop) => drop.lineX), plot.x, plot.x + plot.width);
  const top = plot.y - BASELINE_ABOVE_PLOT;
  return (
    <>
      <g className="lr-drop-lines">
        {drops.map(({ x, lineX }) => (
          <line key={x} x1={lineX} x2={lineX} y1={plot.y} y2={plot.y + plot.height} stroke="var(--text-muted)" strokeOpacity={0.7} strokeDasharray="4 4" />
        ))}
      </g>
      <g className="lr-drop-labels" data-testid="lr-drop-labels">
        {drops.map(({ x, lineX }, i) => (
          <g key={x}>
            {Math.abs(centres[i] - lineX) > 1 ? <path d={`M${centres[i]},${top + 2}L${lineX},${plot.y}`} stroke="var(--text-muted)" strokeWidth={0.75} fill="none" /> : null}
            <text x={centres[i]} y={top} textAnchor="middle" fontSize={11} fill="var(--text-muted)">
              lr ÷10
            </text>
          </g>
        ))}
      </g>
    </>
  );
}
