import { useState } from 'react';
import type { Run } from '../state/appState';
import { nextFindings, type Finding, type VerdictFocus } from '../state/verdict';

/** The runs the verdict speaks about: those on the chart. Hiding a run takes it out of the verdict too, so what is
 *  said matches what is seen (and a pair that changes is judged afresh, verdict.ts). */
const onChart = (runs: readonly Run[]) => runs.filter((run) => !run.hidden);

/** The findings for the store's `runs` (with a focus: one experiment's named pairs only), carrying the previous
 *  ones from render to render for the verdict's hysteresis. Recomputed only when the store replaces `runs` or the
 *  focus changes (React's "information from previous renders" pattern); nextFindings is pure and gives the same
 *  answer twice, so a repeated render changes nothing. A new focus starts afresh. */
export function useSteadyVerdict(runs: readonly Run[], focus?: VerdictFocus): Finding[] {
  const focusKey = focus?.experimentId ?? '';
  const [memory, setMemory] = useState(() => ({ runs, focusKey, findings: nextFindings([], onChart(runs), focus) }));
  if (memory.runs === runs && memory.focusKey === focusKey) return memory.findings;
  const previous = memory.focusKey === focusKey ? memory.findings : [];
  const next = { runs, focusKey, findings: nextFindings(previous, onChart(runs), focus) };
  setMemory(next);
  return next.findings;
}
