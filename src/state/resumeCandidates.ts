// Which runs can go on from a checkpoint, for the places that offer it: the status bar's announcement at the top
// of the page (the newest one) and the Train button, which asks "Resume or start again" instead of training the
// same set-up from iteration 0 a second time. Pure, so it is tested without a browser.
import type { TrainConfig } from '../config';
import { configKey } from '../experiment/planExperiment';
import { isResumable, type AppState, type Run } from './appState';

export interface ResumeCandidate {
  run: Run;
  /** Where it would go on from: its newest checkpoint's iteration. */
  checkpointIteration: number;
}

type ResumeInputs = Pick<AppState, 'runs' | 'checkpoints' | 'remoteRunId'>;

function freshCandidates(state: ResumeInputs): ResumeCandidate[] {
  return state.runs
    .filter((run) => run.id !== state.remoteRunId && !run.importedFrom && isResumable(state, run))
    .map((run) => ({ run, checkpointIteration: state.checkpoints[run.id].iteration }))
    .reverse();
}

const sameCandidates = (a: readonly ResumeCandidate[], b: readonly ResumeCandidate[]) =>
  a.length === b.length && a.every((candidate, i) => candidate.run === b[i].run && candidate.checkpointIteration === b[i].checkpointIteration);

/** The last answer, kept while the answer's content is the same: the store replaces the training run (and so the
 *  runs array) with every progress report, but the runs that can be resumed are the others, which do not change.
 *  With the same array back, a view that selects this (useAppState(resumeCandidates)) is not re-rendered on every
 *  report (issue 20, finding 2). */
let last: { inputs: ResumeInputs; answer: ResumeCandidate[] } | null = null;

/** Every run of this tab that ended early and has a checkpoint, newest first. A run another tab trains is that
 *  tab's to resume; an imported run never trained here. The same array while its content is the same. */
export function resumeCandidates(state: ResumeInputs): ResumeCandidate[] {
  if (last && last.inputs.runs === state.runs && last.inputs.checkpoints === state.checkpoints && last.inputs.remoteRunId === state.remoteRunId) {
    return last.answer;
  }
  const fresh = freshCandidates(state);
  const answer = last && sameCandidates(last.answer, fresh) ? last.answer : fresh;
  last = { inputs: { runs: state.runs, checkpoints: state.checkpoints, remoteRunId: state.remoteRunId }, answer };
  return answer;
}

/** The resumable runs whose settings are exactly one of `configs` (what the Train button would queue): pressing
 *  Train would train each of them again from iteration 0. One run per configuration, the newest. */
export function resumeCandidatesFor(state: Pick<AppState, 'runs' | 'checkpoints' | 'remoteRunId'>, configs: readonly TrainConfig[]): ResumeCandidate[] {
  const wanted = new Set(configs.map(configKey));
  const found = new Map<string, ResumeCandidate>();
  for (const candidate of resumeCandidates(state)) {
    const key = configKey(candidate.run.config);
    if (wanted.has(key) && !found.has(key)) found.set(key, candidate);
  }
  return [...found.values()];
}
