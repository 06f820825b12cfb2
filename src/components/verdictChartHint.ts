// Where on the chart the reader can check a finding with their own eyes: the dashed lines (training error, as in
// the paper's Fig. 6), named as the legend names the runs and by colour (one colour per depth, runStyle.ts).
import type { ComparedRun, Finding } from '../state/verdict';
import { depthColourName } from './depthColourName';
import { depthColour } from './runStyle';

/** "the two vermillion dashed lines", or "the two dashed lines in the depth-8 colour" for an unnamed colour. */
function twoLinesOf(depth: number): string {
  const colour = depthColourName(depth);
  return colour.startsWith('the ') ? `the two dashed lines in ${colour}` : `the two ${colour} dashed lines`;
}

/** `chartNames`: the legend's name of each run by id (a user's label, "#2" for a second run of the same name);
 *  a run missing there is named by its displayed name (ComparedRun.name). Null while there is nothing to compare yet. */
export function verdictChartHint(finding: Finding, chartNames: ReadonlyMap<string, string>): string | null {
  const compared = finding.compared;
  if (!compared) return null;
  const { higher, lower, marginPoints } = compared;
  // Same depth (plain-56 vs ResNet-56) means the same colour: then only the names tell the two lines apart.
  const sameColour = depthColour(higher.depth) === depthColour(lower.depth);
  const lead = sameColour ? `Look at ${twoLinesOf(higher.depth)} (training error; one colour per depth)` : 'Look at the dashed lines (training error)';
  const line = (run: ComparedRun) => {
    const name = `${chartNames.get(run.runId) ?? run.name}’s`;
    return sameColour ? name : `${name} (${depthColourName(run.depth)})`;
  };
  if (finding.status === 'shown') return `${lead}: ${line(higher)} runs above ${line(lower)}.`;
  if (lower.trainError - higher.trainError > marginPoints) return `${lead}: ${line(lower)} runs above ${line(higher)}, the opposite of the paper so far.`;
  return `${lead}: ${line(higher)} and ${line(lower)} are still within ${marginPoints.toFixed(1)} points of each other.`;
}
