import { useMemo, useState } from 'react';
import { CartesianGrid, Legend, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { referenceSetById } from '../reference/referenceCurves';
import { useAppState } from '../state/appContext';
import { buildChartRows, errorAxisMax, errorAxisTicks } from './chartData';
import { ChartControls, DEFAULT_CHART_VIEW, type ChartView } from './ChartControls';
import { referenceLines, runLines } from './chartSeries';

/** Log axis from 1% (errors below it are clipped) to 100%. */
const LOG_TICKS = [1, 2, 5, 10, 20, 50, 100];

/** Training error (dashed) and test error (solid) in %, like the paper's Fig. 6, for every run of this session. */
export function ErrorChart() {
  const runs = useAppState((state) => state.runs);
  const [view, setView] = useState<ChartView>(DEFAULT_CHART_VIEW);
  const { unit, smoothing, logScale } = view;
  const reference = referenceSetById(view.referenceId);
  const rows = useMemo(() => buildChartRows(runs, { unit, reference, smoothing }), [runs, unit, reference, smoothing]);
  const latest = runs[runs.length - 1];
  const drops = latest?.lrDropIterations ?? [];
  const perEpoch = latest?.iterationsPerEpoch ?? 1;
  // The x axis spans the longest run's whole schedule, so the lr drops and the distance to go show from the start.
  const longest = Math.max(
    0,
    ...runs.map((run) => (unit === 'iteration' ? run.totalIterations ?? 0 : run.config.epochs)),
    ...(reference?.runs ?? []).map((run) => (unit === 'iteration' ? run.totalIterations : run.totalIterations / run.iterationsPerEpoch)),
  );
  const hasPoints = rows.length > 0;
  const yMax = errorAxisMax(rows);

  return (
    <section className="error-chart" aria-label="Error chart">
      <header className="chart-header">
        <h2>Error (%) — dashed: training, solid: test</h2>
        <ChartControls view={view} onChange={setView} />
      </header>
      <div className="chart-body" data-testid="error-chart" data-points={rows.length}>
        {hasPoints ? (
          <ResponsiveContainer width="100%" height={380}>
            <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
              <CartesianGrid strokeDasharray="2 4" stroke="#ddd" />
              <XAxis
                dataKey="x"
                type="number"
                domain={[0, (dataMax: number) => Math.max(dataMax, longest)]}
                allowDecimals={unit === 'epoch'}
                tickFormatter={(x: number) => (unit === 'epoch' ? String(Math.round(x * 100) / 100) : x.toLocaleString('en-US'))}
                label={{ value: unit === 'iteration' ? 'iterations' : 'epochs', position: 'insideBottom', offset: -12 }}
              />
              <YAxis
                scale={logScale ? 'log' : 'linear'}
                domain={logScale ? [1, 100] : [0, yMax]}
                ticks={logScale ? LOG_TICKS : errorAxisTicks(yMax)}
                allowDataOverflow={logScale}
                tickFormatter={(y: number) => `${y}%`}
                label={{ value: 'error (%)', angle: -90, position: 'insideLeft' }}
              />
              <Tooltip
                formatter={(value) => (typeof value === 'number' ? `${value.toFixed(2)}%` : String(value))}
                labelFormatter={(x) => (unit === 'iteration' ? `iteration ${Number(x).toLocaleString('en-US')}` : `epoch ${Number(x).toFixed(2)}`)}
              />
              <Legend verticalAlign="top" height={28} />
              {drops.map((drop) => (
                <ReferenceLine
                  key={drop}
                  x={unit === 'iteration' ? drop : drop / perEpoch}
                  stroke="#999"
                  strokeDasharray="4 4"
                  label={{ value: 'lr ÷10', position: 'insideTopRight', fill: '#777', fontSize: 11 }}
                />
              ))}
              {referenceLines(reference)}
              {runLines(runs, smoothing > 0)}
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <p className="chart-empty">Press Train: the training error (dashed) appears after the first steps, the test error (solid) after each evaluation.</p>
        )}
      </div>
      {reference ? (
        <p className="chart-caption" data-testid="reference-caption">
          Faint lines: {reference.label}, measured outside this app with the same §4.2 recipe ({String(reference.device.gpu ?? 'GPU')},
          PyTorch {String(reference.device.torch ?? '')}, seed 0, batch 128): not results of this browser.
        </p>
      ) : null}
    </section>
  );
}
