// Whether to greet this visitor with the first-visit path: only on a first visit (nothing trained or imported
// here, the path neither finished nor skipped before) to the bare address. A link with settings in it is someone
// sharing a set-up: it opens on the form those settings fill.

const DONE_KEY = 'residual-playground.first-visit-done';

export function firstVisitDone(): boolean {
  try {
    return localStorage.getItem(DONE_KEY) === '1';
  } catch {
    return false;
  }
}

export function markFirstVisitDone(): void {
  try {
    localStorage.setItem(DONE_KEY, '1');
  } catch {
    // storage blocked: the path shows again next time, which does no harm
  }
}

/** Query keys that choose a backend or kernels only (not a set-up): the bare page with them is still a first visit. */
const NOT_A_SETUP = new Set(['backend', 'kernels']);

export function isBareAddress(search: string): boolean {
  try {
    return [...new URLSearchParams(search).keys()].every((key) => NOT_A_SETUP.has(key));
  } catch {
    return false;
  }
}

export function shouldShowFirstVisit(situation: { historyLoaded: boolean; runCount: number; done: boolean; bareAddress: boolean }): boolean {
  return situation.historyLoaded && situation.runCount === 0 && !situation.done && situation.bareAddress;
}
