// The lines of the error chart, as arrays of recharts <Line> (recharts wants them as direct children).
import { Line } from 'recharts';
import { modelName } from '../config';
import { referenceRunName, type ReferenceSet } from '../reference/referenceCurves';
import type { Run } from '../state/appState';
import { referenceTestKey, referenceTrainKey, smoothedTrainKey, testKey, trainKey } from './chartData';

/** Colour per run of this session; the paper tells runs apart by colour and curves by dash (Fig. 6). */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/** Reference runs: warm for plain, cool for residual, darker for deeper; drawn faint so they read as background. */
const REFERENCE_COLOURS: Record<string, string> = {
  'plain-20': '#e9a15b',
  'plain-56': '#8c2d04',
  'resnet-20': '#7fb3e0',
  'resnet-56': '#08306b',
};

/** With smoothing on, the raw training curve stays visible but faint, and the smoothed one takes its place. */
/** What every curve shares: no animation while streaming, gaps bridged (curves are sampled at different x). */
const CURVE = { connectNulls: true, isAnimationActive: false } as const;

export function runLines(runs: readonly Run[], smoothed: boolean) {
  return runs.flatMap((run, index) => {
    const colour = PALETTE[index % PALETTE.length];
    const name = modelName(run.config.model);
    const smoothedLine = smoothed
      ? [
          <Line
            key={smoothedTrainKey(run.id)}
            dataKey={smoothedTrainKey(run.id)}
            name={`${name} train (smoothed)`}
            stroke={colour}
            strokeDasharray="6 4"
            strokeWidth={1.5}
            legendType="plainline"
            dot={false}
            {...CURVE}
          />,
        ]
      : [];
    return [
      <Line
        key={trainKey(run.id)}
        dataKey={trainKey(run.id)}
        name={smoothed ? `${name} train (raw)` : `${name} train`}
        stroke={colour}
        strokeOpacity={smoothed ? 0.25 : 1}
        strokeDasharray="6 4"
        strokeWidth={smoothed ? 1 : 1.5}
        legendType={smoothed ? 'none' : 'plainline'}
        dot={false}
        {...CURVE}
      />,
      ...smoothedLine,
      <Line
        key={testKey(run.id)}
        dataKey={testKey(run.id)}
        name={`${name} test`}
        stroke={colour}
        strokeWidth={2.5}
        legendType="plainline"
        dot={{ r: 2.5 }}
        {...CURVE}
      />,
    ];
  });
}

export function referenceLines(reference: ReferenceSet | undefined) {
  return (reference?.runs ?? []).flatMap((run) => {
    const colour = REFERENCE_COLOURS[run.name] ?? '#888';
    const name = `${referenceRunName(run)} (PyTorch ref.)`;
    return [
      <Line
        key={referenceTrainKey(run.name)}
        dataKey={referenceTrainKey(run.name)}
        name={`${name} train`}
        stroke={colour}
        strokeOpacity={0.45}
        strokeDasharray="3 3"
        strokeWidth={1}
        legendType="plainline"
        dot={false}
        {...CURVE}
      />,
      <Line
        key={referenceTestKey(run.name)}
        dataKey={referenceTestKey(run.name)}
        name={`${name} test`}
        stroke={colour}
        strokeOpacity={0.6}
        strokeWidth={1.5}
        legendType="plainline"
        dot={false}
        {...CURVE}
      />,
    ];
  });
}
