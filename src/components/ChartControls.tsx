import { REFERENCE_SETS } from '../reference/referenceCurves';
import type { XAxisUnit } from './chartData';
import type { ChartMetric } from './chart/yAxisSpec';

/** How the error chart is drawn; the choices are the user's, the data is the runs'. */
export interface ChartView {
  unit: XAxisUnit;
  /** '' for no overlay, else a ReferenceSet id. */
  referenceId: string;
  /** Debiased EMA weight for the training curves, 0 = raw only. */
  smoothing: number;
  /** Log y axis: tells small late-training differences apart, as the lr drops push errors down. */
  logScale: boolean;
  /** The paper's Table 6 ResNet test errors for the depths on the chart (see paperTable6.ts): stars at the end
   *  of an x axis that reaches 64k iterations, else a line in the legend. */
  paperTable6: boolean;
  /** What the y axis shows: error (%) as in Fig. 6 (the default), or the cross-entropy loss. */
  metric?: ChartMetric;
  /** A thin step chart of the learning-rate schedule under the chart, on the same x axis. */
  lrStrip?: boolean;
}

export const DEFAULT_CHART_VIEW: ChartView = { unit: 'iteration', referenceId: '', smoothing: 0, logScale: false, paperTable6: true, metric: 'error', lrStrip: false };

interface ChartControlsProps {
  view: ChartView;
  onChange: (view: ChartView) => void;
}

/** One choice of several, as pressed buttons: the chosen one says so to assistive technology (aria-pressed)
 *  and on its face (a ✓, not only a colour). */
function Toggle<T extends string | boolean>({ label, options, value, onChange }: { label: string; options: [T, string][]; value: T; onChange: (value: T) => void }) {
  return (
    <div role="group" aria-label={label} className="chart-toggle">
      {label}:{' '}
      {options.map(([option, text]) => {
        const pressed = value === option;
        return (
          <button type="button" key={String(option)} className={pressed ? 'chip chip-on' : 'chip'} aria-pressed={pressed} onClick={() => onChange(option)}>
            {pressed ? <span aria-hidden="true">✓ </span> : null}
            {text}
          </button>
        );
      })}
    </div>
  );
}

export function ChartControls({ view, onChange }: ChartControlsProps) {
  const set = (change: Partial<ChartView>) => onChange({ ...view, ...change });
  return (
    <div className="chart-controls">
      <Toggle label="Show" options={[['error', 'error'], ['loss', 'loss']]} value={view.metric ?? 'error'} onChange={(metric) => set({ metric })} />
      <label title="The learning rate of each run's schedule (§4.2: ÷10 at 50% and 75%; the ResNet-110 warm-up where on), on the chart's x axis.">
        <input type="checkbox" checked={view.lrStrip ?? false} onChange={(event) => set({ lrStrip: event.target.checked })} data-testid="lr-strip-toggle" />
        lr strip
      </label>
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
      <label title="Exponential moving average of the training curves, bias-corrected; the raw curve stays visible, faint.">
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
      <label title="The paper's Table 6 CIFAR-10 test errors after 64k iterations, for the depths on the chart: stars at the end of the x axis when it reaches 64k iterations (a run on the paper's schedule), else listed under the legend. Plain nets have no Table 6 entry: theirs is the ResNet of the same depth.">
        <input type="checkbox" checked={view.paperTable6} onChange={(event) => set({ paperTable6: event.target.checked })} data-testid="table6-toggle" />
        Paper's Table 6
      </label>
      <Toggle label="x axis" options={[['iteration', 'iterations'], ['epoch', 'epochs']]} value={view.unit} onChange={(unit) => set({ unit })} />
      <Toggle label="y axis" options={[[false, 'linear'], [true, 'log']]} value={view.logScale} onChange={(logScale) => set({ logScale })} />
    </div>
  );
}
