import { REFERENCE_SETS } from '../reference/referenceCurves';
import type { XAxisUnit } from './chartData';

/** How the error chart is drawn; the choices are the user's, the data is the runs'. */
export interface ChartView {
  unit: XAxisUnit;
  /** '' for no overlay, else a ReferenceSet id. */
  referenceId: string;
  /** Debiased EMA weight for the training curves, 0 = raw only. */
  smoothing: number;
  /** Log y axis: tells small late-training differences apart, as the lr drops push errors down. */
  logScale: boolean;
  /** Stars at the end of the x axis for the paper's Table 6 ResNet test errors (see paperTable6.ts). */
  paperTable6: boolean;
}

export const DEFAULT_CHART_VIEW: ChartView = { unit: 'iteration', referenceId: '', smoothing: 0, logScale: false, paperTable6: true };

interface ChartControlsProps {
  view: ChartView;
  onChange: (view: ChartView) => void;
}

function Toggle<T extends string | boolean>({ label, options, value, onChange }: { label: string; options: [T, string][]; value: T; onChange: (value: T) => void }) {
  return (
    <div role="group" aria-label={label}>
      {label}:{' '}
      {options.map(([option, text]) => (
        <button type="button" key={String(option)} className={value === option ? 'chip chip-on' : 'chip'} onClick={() => onChange(option)}>
          {text}
        </button>
      ))}
    </div>
  );
}

export function ChartControls({ view, onChange }: ChartControlsProps) {
  const set = (change: Partial<ChartView>) => onChange({ ...view, ...change });
  return (
    <div className="chart-controls">
      <label>
        Overlay:{' '}
        <select value={view.referenceId} onChange={(event) => set({ referenceId: event.target.value })} data-testid="reference-select">
          <option value="">none</option>
          {REFERENCE_SETS.map((reference) => (
            <option key={reference.id} value={reference.id}>
              {reference.label}
            </option>
          ))}
        </select>
      </label>
      <label title="Exponential moving average of the training error, bias-corrected; the raw curve stays visible, faint.">
        Smoothing:{' '}
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={view.smoothing}
          onChange={(event) => set({ smoothing: Number(event.target.value) })}
          data-testid="smoothing"
        />{' '}
        {view.smoothing.toFixed(2)}
      </label>
      <label title="The paper's Table 6 CIFAR-10 test errors of ResNet-20/32/44/56/110/1202 after 64k iterations, as stars at the end of the x axis, for the residual depths on the chart (all six when there are none). Plain nets have no Table 6 entry.">
        <input type="checkbox" checked={view.paperTable6} onChange={(event) => set({ paperTable6: event.target.checked })} data-testid="table6-toggle" />
        Paper's Table 6
      </label>
      <Toggle label="x axis" options={[['iteration', 'iterations'], ['epoch', 'epochs']]} value={view.unit} onChange={(unit) => set({ unit })} />
      <Toggle label="y axis" options={[[false, 'linear'], [true, 'log']]} value={view.logScale} onChange={(logScale) => set({ logScale })} />
    </div>
  );
}
