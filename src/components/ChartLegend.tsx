// The error chart's legend, in HTML rather than recharts' <Legend>: one button per run that shows or hides it, the
// reference overlay's runs beside them, and ONE line of key saying how to read the curves (Fig. 6 conventions):
// issue 20, finding 8 found three lines of key text above the plot.
import { useServices } from '../state/appContext';
import { MarkerGlyph } from './chartSeries';
import type { ChartMetric } from './chart/yAxisSpec';
import { PLAIN_TRAIN_DASH, RESIDUAL_TRAIN_DASH, type LegendEntry, type ReferenceStyle, type RunMarker } from './runStyle';

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

/** The reference overlay's test curve: faint, thin, small marker, in its own colour. */
function ReferenceSwatch({ colour, marker, filled }: Pick<ReferenceStyle, 'colour' | 'marker' | 'filled'>) {
  return (
    <svg className="legend-swatch" width={20} height={12} viewBox="0 0 20 12" aria-hidden="true" opacity={0.55}>
      <line x1={0} y1={6} x2={20} y2={6} stroke={colour} strokeWidth={1.25} />
      <MarkerGlyph marker={marker} filled={filled} colour={colour} cx={10} cy={6} r={2.5} />
    </svg>
  );
}

/** A line sample in the text's colour, for the key: a dash pattern, or solid. */
function LineSample({ dash, width = 1.5 }: { dash?: string; width?: number }) {
  return (
    <svg className="legend-dash" width={22} height={8} viewBox="0 0 22 8" aria-hidden="true">
      <line x1={0} y1={4} x2={22} y2={4} stroke="var(--text-muted)" strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}

/** A marker in the text's colour, for the key. */
function MarkerSample({ marker, filled }: { marker: RunMarker; filled: boolean }) {
  return (
    <svg className="legend-dash" width={10} height={10} viewBox="-5 -5 10 10" aria-hidden="true">
      <MarkerGlyph marker={marker} filled={filled} colour="var(--text-muted)" r={3.5} />
    </svg>
  );
}

const MARKER_KEY: { marker: RunMarker; filled: boolean; text: string }[] = [
  { marker: 'square', filled: false, text: 'plain' },
  { marker: 'circle', filled: true, text: 'residual (A)' },
  { marker: 'triangle', filled: true, text: 'residual (B)' },
];

interface ChartLegendProps {
  entries: readonly LegendEntry[];
  /** The PyTorch reference overlay's runs as drawn, empty when there is none; `referenceLabel` names the set. */
  references: readonly ReferenceStyle[];
  referenceLabel?: string;
  metric: ChartMetric;
  /** The line about the paper's Table 6 (stars, or the numbers when no star can be drawn); null for none. */
  table6Key: string | null;
}

export function ChartLegend({ entries, references, referenceLabel, metric, table6Key }: ChartLegendProps) {
  const { store } = useServices();
  const quantity = metric === 'loss' ? 'loss' : 'error';
  // Only the block types on the chart get a marker in the key.
  const markers = new Set<RunMarker>([...entries.map((entry) => entry.marker), ...references.map((style) => style.marker)]);
  return (
    <div className="chart-legend" data-testid="chart-legend">
      <div className="legend-series">
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
        {references.length > 0 ? (
          <ul className="legend-references" aria-label={`Faint lines: ${referenceLabel ?? 'PyTorch reference'}, measured in PyTorch, not in this browser`} data-testid="legend-references">
            {references.map((style) => (
              <li key={style.run.name} className="legend-reference-run">
                <ReferenceSwatch {...style} />
                {style.name}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <p className="legend-key" data-testid="legend-key">
        <span title={`Solid: test ${quantity} (validation ${quantity} for runs on the 45k/5k split)`}>
          <LineSample dash={PLAIN_TRAIN_DASH} />
          <LineSample dash={RESIDUAL_TRAIN_DASH} /> training · <LineSample width={2.5} /> test {quantity}
        </span>
        {MARKER_KEY.filter((item) => markers.has(item.marker)).map((item) => (
          <span key={item.marker}>
            {' · '}
            <MarkerSample marker={item.marker} filled={item.filled} /> {item.text}
          </span>
        ))}
        {table6Key ? (
          <span
            className="table6-key"
            data-testid="table6-key"
            title="He et al. 2015, Table 6: ResNet test errors on CIFAR-10 after the full schedule (64k iterations). Plain nets have no Table 6 entry (the paper shows them only as curves, Fig. 6 left)."
          >
            {' · '}
            {table6Key}
          </span>
        ) : null}
      </p>
    </div>
  );
}
