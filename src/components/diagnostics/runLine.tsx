// How a run is drawn in the diagnostics' charts: its depth's colour and its marker as on the error chart
// (runStyle.ts); plain nets short dashes and a thinner line, residual nets solid and bolder, so the two read apart
// without colour too. One key for the whole section (DiagnosticsKey), the same lines in every panel.
import { MarkerGlyph } from '../chartSeries';
import { PLAIN_TRAIN_DASH } from '../runStyle';
import type { ShownRun } from './shownRuns';

export interface LineLook {
  stroke: string;
  strokeDasharray?: string;
  strokeWidth: number;
}

export function lineLook(run: ShownRun): LineLook {
  const plain = run.model.blockType === 'plain';
  return { stroke: run.style.colour, strokeDasharray: plain ? PLAIN_TRAIN_DASH : undefined, strokeWidth: plain ? 1.5 : 2.25 };
}

/** A short sample of the run's line with its marker. */
export function RunSwatch({ run }: { run: ShownRun }) {
  const look = lineLook(run);
  return (
    <svg className="diag-swatch" width={34} height={12} viewBox="0 0 34 12" aria-hidden="true">
      <line x1={0} y1={6} x2={34} y2={6} {...look} />
      <MarkerGlyph marker={run.style.marker} filled={run.style.filled} colour={run.style.colour} cx={17} cy={6} r={3.5} />
    </svg>
  );
}

/** A run's name with its swatch, as it appears in the section's key and captions. */
export function RunTag({ run }: { run: ShownRun }) {
  return (
    <span className="diag-run-tag">
      <RunSwatch run={run} />
      <span>{run.name}</span>
    </span>
  );
}
