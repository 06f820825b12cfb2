import { useState } from 'react';
import type { Run } from '../state/appState';
import { nextFindings, type Finding } from '../state/verdict';

/** The runs the verdict speaks about: those on the chart. Hiding a run takes it out of the verdict too, so what is
 *  said matches what is seen (and a pair that changes is judged afresh, verdict.ts). */
const onChart = (runs: readonly Run[]) => runs.filter((run) => !run.hidden);

/** The findings for the store's `runs`, carrying the previous ones from render to render for the verdict's
 *  hysteresis. Recomputed only when the store replaces `runs` (React's "information from previous renders"
 *  pattern); nextFindings is pure and gives the same answer twice, so a repeated render changes nothing. */
export function useSteadyVerdict(runs: readonly Run[]): Finding[] {
  const [memory, setMemory] = useState(() => ({ runs, findings: nextFindings([], onChart(runs)) }));
  if (memory.runs === runs) return memory.findings;
  const next = { runs, findings: nextFindings(memory.findings, onChart(runs)) };
  setMemory(next);
  return next.findings;
}
