// Where on the chart the reader can check a finding with their own eyes: the dashed lines (training error, as in
// the paper's Fig. 6), named as the legend names the runs and by the colour the chart draws each run in (every run
// its own, runStyle.ts), so the words always match the lines.
import type { ComparedRun, Finding } from '../state/verdict';
import { colourName } from './depthColourName';

/** How the chart shows a run: the legend's name and the line's colour. */
export interface ChartLine {
  name: string;
  colour: string;
}

/** `chartLines`: each run's legend name and colour by id (runStyles); a run missing there is named by its displayed
 *  name (ComparedRun.name) without a colour. Null while there is nothing to compare yet. */
export function verdictChartHint(finding: Finding, chartLines: ReadonlyMap<string, ChartLine>): string | null {
  const compared = finding.compared;
  if (!compared) return null;
  const { higher, lower, marginPoints } = compared;
  const colourOf = (run: ComparedRun) => {
    const colour = chartLines.get(run.runId)?.colour;
    return colour ? colourName(colour) : null;
  };
  // Two runs in one colour (a palette that wrapped around) are told apart by their names only.
  const named = colourOf(higher) !== null && colourOf(lower) !== null && colourOf(higher) !== colourOf(lower);
  const line = (run: ComparedRun) => `${chartLines.get(run.runId)?.name ?? run.name}’s${named ? ` (${colourOf(run)})` : ''}`;
  const lead = 'Look at the dashed lines (training error)';
  if (finding.status === 'shown') return `${lead}: ${line(higher)} runs above ${line(lower)}.`;
  if (lower.trainError - higher.trainError > marginPoints) return `${lead}: ${line(lower)} runs above ${line(higher)}, the opposite of the paper so far.`;
  return `${lead}: ${line(higher)} and ${line(lower)} are still within ${marginPoints.toFixed(1)} points of each other.`;
}
