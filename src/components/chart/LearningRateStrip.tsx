// A thin step chart of the learning rate under the error chart, on the same x axis and zoom: where §4.2's
// drops (÷10 at 50% and 75%) and the ResNet-110 warm-up put each run's rate. Drawn from the runs' settings;
// the warm-up's end, known only at run time, from the training points.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Run } from '../../state/appState';
import { displayedRunName } from '../../state/runDisplayName';
import { xValueText, type XAxisFormat, type XAxisUnit } from '../chartData';
import { learningRateSteps, warmupState } from './learningRateSteps';
import type { XRange } from './xZoom';

const STRIP_HEIGHT = 110;
/** Dash patterns telling apart runs with different schedules (different lengths, a warm-up). */
const SCHEDULE_DASHES = ['', '6 3', '2 3', '10 3 2 3'];

interface Schedule {
  key: string;
  names: string[];
  points: { x: number; learningRate: number }[];
}

/** One schedule per distinct step list in the view's unit: the runs of an experiment usually share one. */
function schedules(runs: readonly Run[], unit: XAxisUnit): Schedule[] {
  const byKey = new Map<string, Schedule>();
  for (const run of runs) {
    const perEpoch = unit === 'iteration' ? 1 : (run.iterationsPerEpoch ?? 1);
    const points = learningRateSteps(run).map((step) => ({ x: step.iteration / perEpoch, learningRate: step.learningRate }));
    if (points.length === 0) continue;
    const key = JSON.stringify(points);
    const existing = byKey.get(key);
    if (existing) existing.names.push(displayedRunName(run));
    else byKey.set(key, { key: `lr:${byKey.size}`, names: [displayedRunName(run)], points });
  }
  return [...byKey.values()];
}

function stripRows(list: readonly Schedule[]) {
  const rows = new Map<number, Record<string, number>>();
  for (const schedule of list) {
    for (const { x, learningRate } of schedule.points) rows.set(x, { ...(rows.get(x) ?? { x }), [schedule.key]: learningRate });
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

/** "ResNet-110: warm-up at lr 0.01 until iteration 400", for each run with the §4.2 warm-up. */
function warmupNotes(runs: readonly Run[]): string[] {
  return runs.flatMap((run) => {
    const state = warmupState(run);
    const rate = run.config.learningRate / 10;
    if (state.kind === 'ended') return [`${displayedRunName(run)}: warm-up at lr ${rate} until iteration ${state.at.toLocaleString('en-US')} (training error below 80%, §4.2)`];
    if (state.kind === 'on') return [`${displayedRunName(run)}: warm-up at lr ${rate}, still on at iteration ${state.at.toLocaleString('en-US')} (ends when the training error is below 80%, §4.2; drawn as planned after that)`];
    return [];
  });
}

const lrText = (lr: number) => String(Number(lr.toPrecision(2)));

interface LearningRateStripProps {
  runs: readonly Run[];
  unit: XAxisUnit;
  range: XRange;
  xFormat: XAxisFormat;
  /** The error chart's left and right margins and y-axis width, so both plot areas line up. */
  margin: { left: number; right: number };
  yAxisWidth: number;
}

export function LearningRateStrip({ runs, unit, range, xFormat, margin, yAxisWidth }: LearningRateStripProps) {
  const list = schedules(runs, unit);
  if (list.length === 0) return null;
  const rates = [...new Set(list.flatMap((s) => s.points.map((p) => p.learningRate)))].sort((a, b) => a - b);
  const notes = warmupNotes(runs);
  return (
    <figure className="lr-strip" data-testid="lr-strip" aria-label="Learning rate schedule of the runs on the chart">
      <figcaption className="lr-strip-caption">
        Learning rate (log scale), from each run's settings: ÷10 at 50% and 75% of the run (§4.2).
        {notes.map((note) => (
          <span key={note} className="lr-strip-note">
            {' '}
            {note}.
          </span>
        ))}
      </figcaption>
      <ResponsiveContainer width="100%" height={STRIP_HEIGHT}>
        <LineChart data={stripRows(list)} margin={{ top: 6, right: margin.right, bottom: 4, left: margin.left }}>
          <CartesianGrid strokeDasharray="2 4" stroke="var(--grid)" vertical={false} />
          <XAxis
            dataKey="x"
            type="number"
            domain={[range[0], range[1]]}
            allowDataOverflow
            ticks={xFormat.ticks}
            tickFormatter={xFormat.format}
            tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
            stroke="var(--text-muted)"
          />
          <YAxis
            scale="log"
            domain={[rates[0] / 2, rates[rates.length - 1] * 2]}
            ticks={rates}
            allowDataOverflow
            width={yAxisWidth}
            tickFormatter={lrText}
            tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
            stroke="var(--text-muted)"
          />
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? lrText(value) : String(value))}
            labelFormatter={(x) => xValueText(unit, Number(x))}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
            itemStyle={{ color: 'var(--text)' }}
          />
          {list.map((schedule, i) => (
            <Line
              key={schedule.key}
              dataKey={schedule.key}
              name={`lr: ${schedule.names.join(', ')}`}
              type="stepAfter"
              stroke="var(--accent)"
              strokeWidth={1.5}
              strokeDasharray={SCHEDULE_DASHES[i % SCHEDULE_DASHES.length]}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
