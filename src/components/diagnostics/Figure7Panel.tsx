// Panel 2: the paper's Fig. 7, live. Top: the std of each layer's response (after BN, before the ReLU and the
// addition) by layer index; bottom/right: the same values sorted by magnitude. A line per run, at its newest
// sample or at the iteration the slider picks (the sample nearest it, for every run).
import { memo, useId, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { figure7Reading, formatStd, nearestSample, sortedDescending } from './figure7';
import { AXIS_TEXT, lineLook, markerDot, RunTag, TOOLTIP_STYLE } from './runLine';
import type { ShownRun } from './shownRuns';
import { formatCount } from './numberFormat';

type Row = { x: number } & Record<string, number>;

interface Picked {
  run: ShownRun;
  iteration: number;
  stds: number[];
  /** The run's newest sample, and the run is finished. */
  atEnd: boolean;
  newest: boolean;
}

export const Figure7Panel = memo(function Figure7Panel({ runs }: { runs: readonly ShownRun[] }) {
  const withSamples = useMemo(() => runs.filter((run) => run.diagnostics.training.length > 0 && run.diagnostics.layout.responseLayers.length > 0), [runs]);
  /** null: each run's newest sample (follows training). */
  const [iteration, setIteration] = useState<number | null>(null);
  const sliderId = useId();

  const first = Math.min(...withSamples.map((run) => run.diagnostics.training[0].iteration));
  const last = Math.max(...withSamples.map((run) => run.diagnostics.training[run.diagnostics.training.length - 1].iteration));

  const picked: Picked[] = useMemo(
    () =>
      withSamples.flatMap((run) => {
        const samples = run.diagnostics.training;
        const sample = nearestSample(samples, iteration);
        if (!sample) return [];
        const newest = sample === samples[samples.length - 1];
        return [{ run, iteration: sample.iteration, stds: sample.responseStds, newest, atEnd: newest && run.finished }];
      }),
    [withSamples, iteration],
  );
  const byLayer = useMemo(() => figureRows(picked, (stds) => stds), [picked]);
  const sorted = useMemo(() => figureRows(picked, sortedDescending), [picked]);
  const reading = useMemo(
    () => figure7Reading(picked.map((p) => ({ name: p.run.name, depth: p.run.model.depth, blockType: p.run.model.blockType, stds: p.stds, iteration: p.iteration }))),
    [picked],
  );
  const names = useMemo(() => new Map(withSamples.map((run) => [run.runId, run.name])), [withSamples]);

  return (
    <div className="diag-panel" data-testid="diagnostics-figure7">
      <h3>Layer responses: the paper’s Fig. 7, live</h3>
      <p className="diag-look">
        The spread (std) of each 3×3 layer’s output, after BN and before the ReLU or the addition, over the training batch of
        the sampled step. A residual block only has to learn a correction to its input, so its layers should respond less
        than a plain net’s.
      </p>
      {withSamples.length === 0 ? (
        <p className="diag-empty">No training samples yet: the responses appear with the first point of the training curve.</p>
      ) : (
        <>
          {last > first ? (
            <div className="diag-slider">
              <label htmlFor={sliderId}>Iteration</label>
              <input
                id={sliderId}
                type="range"
                min={first}
                max={last}
                step={1}
                value={iteration ?? last}
                aria-valuetext={iteration === null ? `newest sample of each run` : `iteration ${formatCount(iteration)}`}
                onChange={(event) => {
                  const value = Number(event.target.value);
                  setIteration(value >= last ? null : value);
                }}
              />
              <span className="diag-slider-value">{iteration === null ? 'newest sample of each run' : `nearest ${formatCount(iteration)}`}</span>
              {iteration !== null ? (
                <button type="button" className="diag-button" onClick={() => setIteration(null)}>
                  Newest
                </button>
              ) : null}
            </div>
          ) : null}
          <ul className="diag-key" aria-label="Runs drawn">
            {picked.map((p) => (
              <li key={p.run.runId}>
                <RunTag run={p.run} /> <span className="diag-muted">{p.atEnd ? `at the end (iteration ${formatCount(p.iteration)})` : `at iteration ${formatCount(p.iteration)}`}</span>
              </li>
            ))}
          </ul>
          <div className="diag-pair">
            <ResponsePlot title="By layer index" xLabel="layer index (input → output)" rows={byLayer} picked={picked} names={names} />
            <ResponsePlot title="Sorted by magnitude" xLabel="rank (largest first)" rows={sorted} picked={picked} names={names} />
          </div>
          <p className="diag-reading">
            <strong>The paper (§4.2):</strong> ResNets’ responses are generally smaller than their plain counterparts’, and the
            deeper the ResNet, the smaller still: the residual functions stay closer to zero.
          </p>
          {reading.length > 0 ? (
            <ul className="diag-reading-list" data-testid="figure7-reading">
              {reading.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : (
            <p className="diag-note">Show a plain and a residual net of the same depth (or two ResNets of different depths) to compare them here.</p>
          )}
        </>
      )}
    </div>
  );
});

/** Rows for recharts: x = 1..L, a column per run (its values transformed, e.g. sorted). */
function figureRows(picked: readonly Picked[], transform: (stds: readonly number[]) => readonly number[]): Row[] {
  const rows: Row[] = [];
  for (const { run, stds } of picked) {
    transform(stds).forEach((value, i) => {
      if (!Number.isFinite(value)) return;
      rows[i] ??= { x: i + 1 } as Row;
      rows[i][run.runId] = value;
    });
  }
  return rows.filter((row) => row !== undefined);
}

interface ResponsePlotProps {
  title: string;
  xLabel: string;
  rows: Row[];
  picked: readonly Picked[];
  names: Map<string, string>;
}

const MARGIN = { top: 6, right: 12, bottom: 18, left: 0 };
const GRID = <CartesianGrid strokeDasharray="2 4" stroke="var(--grid)" />;
const Y_AXIS = (
  <YAxis domain={[0, 'auto']} width={40} interval={0} tick={AXIS_TEXT} stroke="var(--text-muted)" label={{ value: 'std', angle: -90, position: 'insideLeft', fill: 'var(--text-muted)', fontSize: 11 }} />
);

function ResponsePlot({ title, xLabel, rows, picked, names }: ResponsePlotProps) {
  const layers = rows.length;
  const describe = ({ run, stds }: Picked) => {
    const finite = stds.filter((v) => Number.isFinite(v));
    return finite.length === 0 ? `${run.name} (no values)` : `${run.name} (${finite.length} layers, ${formatStd(Math.min(...finite))} to ${formatStd(Math.max(...finite))})`;
  };
  const summary = `${title}: std of layer responses for ${picked.map(describe).join(', ')}`;
  // Axes and tooltip kept between renders (recharts re-registers an axis in its store whenever it re-renders): a
  // new sample re-renders the lines, and the x axis only when the layer count changes.
  const xAxis = useMemo(
    () => (
      <XAxis
        dataKey="x"
        type="number"
        domain={[1, Math.max(2, layers)]}
        allowDecimals={false}
        interval={0}
        tick={AXIS_TEXT}
        stroke="var(--text-muted)"
        label={{ value: xLabel, position: 'insideBottom', offset: -10, fill: 'var(--text-muted)', fontSize: 11 }}
      />
    ),
    [layers, xLabel],
  );
  const tooltip = useMemo(
    () => (
      <Tooltip
        {...TOOLTIP_STYLE}
        formatter={(value, key) => [typeof value === 'number' ? formatStd(value) : String(value), names.get(String(key)) ?? String(key)]}
        labelFormatter={(x) => `layer ${x}`}
      />
    ),
    [names],
  );
  return (
    <figure className="diag-plot" aria-label={summary}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows} margin={MARGIN}>
          {GRID}
          {xAxis}
          {Y_AXIS}
          {tooltip}
          {picked.map(({ run }) => (
            <Line key={run.runId} dataKey={run.runId} name={run.name} type="linear" dot={markerDot(run, 2.5)} activeDot={false} connectNulls={false} isAnimationActive={false} {...lineLook(run)} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
