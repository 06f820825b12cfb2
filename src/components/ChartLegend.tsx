// The error chart's legend, in HTML rather than recharts' <Legend>: one button per run that shows or hides it,
// and a fixed key saying how to read the curves (Fig. 6 conventions) and what is not this browser's result.
import { referenceRunName, type ReferenceSet } from '../reference/referenceCurves';
import { useServices } from '../state/appContext';
import { MarkerGlyph } from './chartSeries';
import type { ChartMetric } from './chart/yAxisSpec';
import { curveStyle, PLAIN_TRAIN_DASH, RESIDUAL_TRAIN_DASH, type LegendEntry } from './runStyle';

// The entries are computed by runStyle.legendEntries(runs), shared with exports that draw the legend themselves.
export { legendEntries, type LegendEntry } from './runStyle';

/** The run's two curves as they look on the chart: its training dash on the left, the solid test line on the
 *  right, its marker between. */
function RunSwatch({ colour, marker, filled, trainDash }: Pick<LegendEntry, 'colour' | 'marker' | 'filled' | 'trainDash'>) {
  return (
    <svg className="legend-swatch" width={36} height={12} viewBox="0 0 36 12" aria-hidden="true">
      <line x1={0} y1={6} x2={18} y2={6} stroke={colour} strokeWidth={filled ? 1.5 : 1} strokeDasharray={trainDash} />
      <line x1={18} y1={6} x2={36} y2={6} stroke={colour} strokeWidth={filled ? 2.5 : 1.5} />
      <MarkerGlyph marker={marker} filled={filled} colour={colour} cx={18} cy={6} />
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

/** A dash pattern in the text's colour, for the key's "short dashes / long dashes". */
function DashSample({ dash }: { dash: string }) {
  return (
    <svg className="legend-dash" width={22} height={8} viewBox="0 0 22 8" aria-hidden="true">
      <line x1={0} y1={4} x2={22} y2={4} stroke="var(--text-muted)" strokeWidth={1.5} strokeDasharray={dash} />
    </svg>
  );
}

interface ChartLegendProps {
  entries: readonly LegendEntry[];
  /** The PyTorch reference overlay, when one is drawn. */
  reference?: ReferenceSet;
  metric: ChartMetric;
  /** The line about the paper's Table 6 (stars, or the numbers when no star can be drawn); null for none. */
  table6Key: string | null;
}

export function ChartLegend({ entries, reference, metric, table6Key }: ChartLegendProps) {
  const { store } = useServices();
  const quantity = metric === 'loss' ? 'loss' : 'error';
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
                {/* Hidden is said in words too (struck through as well), never by a paler colour alone. */}
                {entry.hidden ? <span className="legend-state"> (hidden)</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="legend-key" aria-label="How to read the chart">
        <li>
          dashed = training {quantity} (<DashSample dash={PLAIN_TRAIN_DASH} /> short: plain, <DashSample dash={RESIDUAL_TRAIN_DASH} /> long: residual), solid = test{' '}
          {quantity} (validation for runs with the 45k/5k split)
        </li>
        <li title="Colour = depth: plain-56 and ResNet-56 share a colour, as in the paper's Fig. 6.">colour = depth; markers on every curve: □ plain, ● residual (A), ▲ residual (B)</li>
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
        {table6Key ? (
          <li
            className="table6-key"
            data-testid="table6-key"
            title="He et al. 2015, Table 6: ResNet test errors on CIFAR-10 after the full schedule (64k iterations). Plain nets have no Table 6 entry (the paper shows them only as curves, Fig. 6 left)."
          >
            {table6Key}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
