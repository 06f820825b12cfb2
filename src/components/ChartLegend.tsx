// The error chart's legend, in HTML rather than recharts' <Legend>: one button per run that shows or hides it,
// and a fixed key saying how to read the curves (Fig. 6 conventions) and what is not this browser's result.
import { referenceRunName, type ReferenceSet } from '../reference/referenceCurves';
import { TABLE6_ITERATIONS } from '../reference/paperTable6';
import { useServices } from '../state/appContext';
import { MarkerGlyph } from './chartSeries';
import { curveStyle, type LegendEntry } from './runStyle';

// The entries are computed by runStyle.legendEntries(runs), shared with exports that draw the legend themselves.
export { legendEntries, type LegendEntry } from './runStyle';

/** A line in the run's colour with its marker on it, as the test curve looks on the chart. */
function RunSwatch({ colour, marker, filled }: Pick<LegendEntry, 'colour' | 'marker' | 'filled'>) {
  return (
    <svg className="legend-swatch" width={30} height={12} viewBox="0 0 30 12" aria-hidden="true">
      <line x1={0} y1={6} x2={30} y2={6} stroke={colour} strokeWidth={filled ? 2.5 : 1.5} />
      <MarkerGlyph marker={marker} filled={filled} colour={colour} cx={15} cy={6} />
    </svg>
  );
}

/** The reference overlay's test curve: faint, thin, small marker, in the depth's colour. */
function ReferenceSwatch({ colour, marker, filled }: Pick<LegendEntry, 'colour' | 'marker' | 'filled'>) {
  return (
    <svg className="legend-swatch" width={20} height={12} viewBox="0 0 20 12" aria-hidden="true" opacity={0.5}>
      <line x1={0} y1={6} x2={20} y2={6} stroke={colour} strokeWidth={1.25} />
      <MarkerGlyph marker={marker} filled={filled} colour={colour} cx={10} cy={6} r={2.5} />
    </svg>
  );
}

interface ChartLegendProps {
  entries: readonly LegendEntry[];
  /** The PyTorch reference overlay, when one is drawn. */
  reference?: ReferenceSet;
  /** Whether the paper's Table 6 markers are drawn. */
  table6: boolean;
}

export function ChartLegend({ entries, reference, table6 }: ChartLegendProps) {
  const { store } = useServices();
  const thousands = `${TABLE6_ITERATIONS / 1000}k`;
  return (
    <div className="chart-legend" data-testid="chart-legend">
      {entries.length > 0 ? (
        <ul className="legend-runs" aria-label="Runs on the chart (click to show or hide)">
          {entries.map((entry) => (
            <li key={entry.runId}>
              <button
                type="button"
                className={entry.hidden ? 'legend-entry legend-entry-hidden' : 'legend-entry'}
                aria-pressed={!entry.hidden}
                title={entry.hidden ? `Show ${entry.name} on the chart` : `Hide ${entry.name} from the chart`}
                data-testid="legend-entry"
                data-run-id={entry.runId}
                onClick={() => store.dispatch({ type: 'runVisibilitySet', runId: entry.runId, hidden: !entry.hidden })}
              >
                <RunSwatch {...entry} />
                <span className="legend-name">{entry.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="legend-key" aria-label="How to read the chart">
        <li>dashed = training error, solid = test error (validation error for runs with the 45k/5k split)</li>
        <li title="Colour = depth: plain-56 and ResNet-56 share a colour, as in the paper's Fig. 6.">colour = depth; □ plain, ● residual (A), ▲ residual (B)</li>
        {reference ? (
          <li className="legend-reference">
            faint thin lines: {reference.label}, measured in PyTorch, not in this browser:
            {reference.runs.map((run) => (
              <span key={run.name} className="legend-reference-run">
                <ReferenceSwatch {...curveStyle(run)} />
                {referenceRunName(run)} (PyTorch ref.)
              </span>
            ))}
          </li>
        ) : null}
        {table6 ? (
          <li title="He et al. 2015, Table 6: ResNet test errors on CIFAR-10 after the full schedule. Plain nets have no Table 6 entry (the paper shows them only as curves, Fig. 6 left).">
            ★ paper Table 6, test error after {thousands} iterations (final, not a curve)
          </li>
        ) : null}
      </ul>
    </div>
  );
}
