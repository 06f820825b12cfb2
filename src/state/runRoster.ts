// The runs as a list of who they are, for views that plan with them or count them (the page's experiment plan, the
// first-visit check), not for views that draw their progress. The store replaces the training run, and so the
// runs array, with every progress report; App selected `state.runs` and re-rendered the whole page, the settings
// form's inputs included, on every published snapshot (issue 20, finding 2).
import type { AppState, Run } from './appState';

/** What the roster's readers use of a run: which it is, its set-up, where it stands, where it ran. */
const ROSTER_FIELDS = ['id', 'config', 'state', 'backend', 'importedFrom', 'label', 'elsewhere'] as const satisfies readonly (keyof Run)[];

const sameForRoster = (a: Run, b: Run) => ROSTER_FIELDS.every((field) => a[field] === b[field]);

/** A selector for useAppState: `state.runs`, but the same array as last answered while no run was added or
 *  removed and none changed a roster field (its progress and curves may have moved on). One per component. */
export function runRosterSelector(): (state: Pick<AppState, 'runs'>) => readonly Run[] {
  let last: readonly Run[] | null = null;
  return (state) => {
    const next = state.runs;
    if (last === next) return last;
    if (last === null || last.length !== next.length || next.some((run, i) => !sameForRoster(run, last![i]))) last = next;
    return last;
  };
}
