import { useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { modelName } from '../config';
import { useAppState } from '../state/appContext';
import { buildChartRows, errorAxisMax, testKey, trainKey, type XAxisUnit } from './chartData';

/** Colour per run; the paper's figure tells runs apart by colour and curves by dash. */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/** Training error (dashed) and test error (solid) in %, like the paper's Fig. 6, for every run of this session. */
export function ErrorChart() {
  const runs = useAppState((state) => state.runs);
  const [unit, setUnit] = useState<XAxisUnit>('iteration');
  const rows = useMemo(() => buildChartRows(runs, unit), [runs, unit]);
  const latest = runs[runs.length - 1];
  const drops = latest?.lrDropIterations ?? [];
  const perEpoch = latest?.iterationsPerEpoch ?? 1;
  // The x axis spans the longest run's whole schedule, so the lr drops and the distance to go show from the start.
  const longest = Math.max(0, ...runs.map((run) => (unit === 'iteration' ? run.totalIterations ?? 0 : run.config.epochs)));
  const hasPoints = rows.length > 0;

  return (
    <section className="error-chart" aria-label="Error chart">
      <header className="chart-header">
        <h2>Error (%) — dashed: training, solid: test</h2>
        <div role="group" aria-label="x axis">
          x axis:{' '}
          {(['iteration', 'epoch'] as const).map((u) => (
            <button type="button" key={u} className={unit === u ? 'chip chip-on' : 'chip'} onClick={() => setUnit(u)}>
              {u === 'iteration' ? 'iterations' : 'epochs'}
            </button>
          ))}
        </div>
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
                domain={[0, errorAxisMax(rows)]}
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
              {runs.flatMap((run, index) => {
                const colour = PALETTE[index % PALETTE.length];
                const name = modelName(run.config.model);
                return [
                  <Line
                    key={trainKey(run.id)}
                    dataKey={trainKey(run.id)}
                    name={`${name} train`}
                    stroke={colour}
                    strokeDasharray="6 4"
                    strokeWidth={1.5}
                    legendType="plainline"
                    dot={false}
                    connectNulls
                    isAnimationActive={false}
                  />,
                  <Line
                    key={testKey(run.id)}
                    dataKey={testKey(run.id)}
                    name={`${name} test`}
                    stroke={colour}
                    strokeWidth={2.5}
                    legendType="plainline"
                    dot={{ r: 2.5 }}
                    connectNulls
                    isAnimationActive={false}
                  />,
                ];
              })}
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <p className="chart-empty">Press Train: the training error (dashed) appears after the first steps, the test error (solid) after each evaluation.</p>
        )}
      </div>
    </section>
  );
}
