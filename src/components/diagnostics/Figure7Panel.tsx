// Panel 2: the paper's Fig. 7, live. Top: the std of each layer's response (after BN, before the ReLU and the
// addition) by layer index; bottom/right: the same values sorted by magnitude. A line per run, at its newest
// sample or at the iteration the slider picks (the sample nearest it, for every run).
import { memo, useId, useMemo, useState } from 'react';
import { figure7Reading, formatStd, nearestSample, sortedDescending } from './figure7';
import { integerTicks, ticksFromZero } from './plotScale';
import { lineLook, RunTag } from './runLine';
import type { ShownRun } from './shownRuns';
import { formatCount } from './numberFormat';
import { SmallPlot, type PlotAxis, type PlotLine } from './SmallPlot';

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
  const byLayer = useMemo(() => figureLines(picked, (stds) => stds), [picked]);
  const sorted = useMemo(() => figureLines(picked, sortedDescending), [picked]);
  const reading = useMemo(
    () => figure7Reading(picked.map((p) => ({ name: p.run.name, depth: p.run.model.depth, blockType: p.run.model.blockType, stds: p.stds, iteration: p.iteration }))),
    [picked],
  );

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
            <ResponsePlot title="By layer index" xLabel="layer index (input → output)" lines={byLayer} picked={picked} />
            <ResponsePlot title="Sorted by magnitude" xLabel="rank (largest first)" lines={sorted} picked={picked} />
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

/** A line per run: x = 1..L, y its values transformed (e.g. sorted), non-numbers left out; the run's marker at
 *  every point. */
function figureLines(picked: readonly Picked[], transform: (stds: readonly number[]) => readonly number[]): PlotLine[] {
  return picked.map(({ run, stds }) => ({
    key: run.runId,
    name: run.name,
    look: lineLook(run),
    marker: { marker: run.style.marker, filled: run.style.filled, colour: run.style.colour, r: 2.5 },
    points: transform(stds).flatMap((value, i) => (Number.isFinite(value) ? [[i + 1, value] as const] : [])),
  }));
}

interface ResponsePlotProps {
  title: string;
  xLabel: string;
  lines: readonly PlotLine[];
  picked: readonly Picked[];
}

const PLOT_HEIGHT = 240;
const Y_AXIS_WIDTH = 40;
const layerText = (x: number) => `layer ${x}`;

function ResponsePlot({ title, xLabel, lines, picked }: ResponsePlotProps) {
  const layers = Math.max(2, ...lines.map((line) => line.points.length));
  const top = Math.max(0, ...lines.flatMap((line) => line.points.map(([, y]) => y)));
  const describe = ({ run, stds }: Picked) => {
    const finite = stds.filter((v) => Number.isFinite(v));
    return finite.length === 0 ? `${run.name} (no values)` : `${run.name} (${finite.length} layers, ${formatStd(Math.min(...finite))} to ${formatStd(Math.max(...finite))})`;
  };
  const summary = `${title}: std of layer responses for ${picked.map(describe).join(', ')}`;
  const xAxis: PlotAxis = useMemo(() => ({ domain: [1, layers], ticks: integerTicks(1, layers), format: String, label: xLabel }), [layers, xLabel]);
  // From 0, to a round value at or above the largest std.
  const yTicks = useMemo(() => ticksFromZero(top), [top]);
  const yAxis: PlotAxis = useMemo(() => ({ domain: [0, yTicks[yTicks.length - 1]], ticks: yTicks, format: formatStd, label: 'std' }), [yTicks]);
  return (
    <figure className="diag-plot" aria-label={summary}>
      <figcaption>{title}</figcaption>
      <SmallPlot height={PLOT_HEIGHT} lines={lines} x={xAxis} y={yAxis} yAxisWidth={Y_AXIS_WIDTH} xText={layerText} valueText={formatStd} />
    </figure>
  );
}
