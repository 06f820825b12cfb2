// The paper's Table 6 test errors as stars at the right end of an x axis that reaches the paper's 64k
// iterations (chart/table6Display.ts decides when), each labelled "paper ResNet-56: 6.97%" in the right margin.
import { ReferenceDot, usePlotArea, useYAxisScale } from 'recharts';
import { table6Label, table6Title, type Table6Result } from '../../reference/paperTable6';
import { spreadLabels } from '../chartData';
import { starPath } from '../runStyle';

/** Space a Table 6 label needs (px). The star sits just right of the axis end, in the margin, so it never
 *  covers the runs' last markers; its label starts further right. */
const LABEL_GAP = 13;
const STAR_OFFSET = 8;
const LABEL_OFFSET = 20;
/** Right chart margin (px) that makes room for "paper ResNet-1202: 7.93%". */
export const TABLE6_MARGIN = 180;

/** The numbers crowd (6.43 to 8.75%), so the labels are spread apart (never closer than their height) and tied
 *  to their stars by a thin leader. A component, so it can read the chart's y scale. */
export function Table6Stars({ results, colours, x }: { results: readonly Table6Result[]; colours: ReadonlyMap<number, string>; x: number }) {
  const yScale = useYAxisScale();
  const plot = usePlotArea();
  const ys = results.map((result) => yScale?.(result.testError) ?? 0);
  const labelYs = yScale && plot ? spreadLabels(ys, LABEL_GAP, plot.y + LABEL_GAP / 2, plot.y + plot.height - LABEL_GAP / 2) : ys;
  return results.map((result, i) => {
    // The colour of the ResNet of that depth on the chart (chartModel), so the star sits by its curve's colour.
    const colour = colours.get(result.depth) ?? 'var(--text)';
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
            <path d={starPath(6)} transform={`translate(${cx + STAR_OFFSET},${cy})`} fill={colour} stroke="var(--surface)" strokeWidth={0.5} />
            <text x={cx + LABEL_OFFSET} y={cy + dy} dominantBaseline="central" fontSize={11} fill="var(--text)">
              {table6Label(result)}
            </text>
          </g>
        )}
      />
    );
  });
}
