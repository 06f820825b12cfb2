// Mirrors the runs of the UI state into the run history (runHistory.ts): restores them at start-up, then
// writes each run whose object changed and deletes the runs that left the state. The reducer replaces a run's
// object on every change, so identity tells what to write without comparing curves.
import { downloadBlob } from '../export/chartImage';
import { quarantineJson } from '../export/quarantineFile';
import type { AppState, NoticeAction, Run } from './appState';
import { StorageTimeout, type RunHistory } from './runHistory';
import type { Store } from './store';

/** A training run changes several times a second; cloning all of its curves into IndexedDB each time would
 *  cost more than the training's UI. Its record is rewritten at most this often (the last change always lands). */
export const WRITE_INTERVAL_MS = 2000;

const UNAVAILABLE =
  'Runs cannot be saved in this browser (its storage, IndexedDB, is unavailable, e.g. in a private window): ' +
  'they will be lost when the page is reloaded. Export them to keep them.';
const UNREADABLE =
  'The runs saved in this browser could not be read, and new runs will not be saved: they will be lost when ' +
  'the page is reloaded. Export them to keep them.';

function timedOutNotice(timeout: StorageTimeout): string {
  return `${timeout.message} Training works, but runs will not be saved and will be lost when the page is reloaded: export them to keep them.`;
}

function skippedNotice(skipped: number): string {
  const runs = skipped === 1 ? '1 saved run' : `${skipped} saved runs`;
  return `${runs} could not be read (damaged, or saved by another version of this app) and ${skipped === 1 ? 'was' : 'were'} left out: kept aside, not shown. Download them to look inside, or delete them.`;
}

/** The end of a notice about runs restored without a damaged part: what is kept, and where the damaged record is. */
function keptWithoutPart(one: boolean, shownAs = ''): string {
  return (
    `the ${one ? 'run is' : 'runs are'} kept with ${one ? 'its' : 'their'} curves${shownAs}. ` +
    `The damaged ${one ? 'record is' : 'records are'} kept aside: download to look inside, or delete.`
  );
}

function diagnosticsDroppedNotice(dropped: number): string {
  const one = dropped === 1;
  return `The diagnostics of ${one ? '1 saved run' : `${dropped} saved runs`} were damaged and left out; ${keptWithoutPart(one)}`;
}

function elsewhereDroppedNotice(dropped: number): string {
  const one = dropped === 1;
  return (
    `${one ? 'The record of where 1 saved run was' : `The records of where ${dropped} saved runs were`} trained outside this browser ` +
    `(framework, device, wall time) ${one ? 'was' : 'were'} damaged and left out; ${keptWithoutPart(one, ', shown as imported')}`
  );
}

function divergedEndNotice(runs: number): string {
  const one = runs === 1;
  return (
    `${one ? '1 saved run' : `${runs} saved runs`} ended in ${one ? 'a point' : 'points'} that ${one ? 'is' : 'are'} not finite ` +
    `(${one ? 'it' : 'they'} diverged there, and an older version of this app stored ${one ? 'that point' : 'those points'}): ` +
    `the ${one ? 'point was' : 'points were'} left out, and the ${one ? 'run is' : 'runs are'} kept with ${one ? 'its' : 'their'} curves up to ` +
    `${one ? 'its' : 'their'} last finite point.`
  );
}

function quarantineActions(history: RunHistory, download: (json: string) => void): NoticeAction[] {
  return [
    { label: 'Download them (JSON)', perform: () => void history.quarantined().then((records) => download(quarantineJson(records))) },
    { label: 'Delete them', perform: () => void history.discardQuarantined().catch(() => undefined) },
  ];
}

function writeFailedNotice(error: unknown): string {
  const reason =
    error instanceof DOMException && error.name === 'QuotaExceededError'
      ? "this browser's storage for the page is full"
      : `the browser refused: ${error instanceof Error ? error.message : String(error)}`;
  return `Runs could not be saved in this browser (${reason}): changes since then will be lost when the page is reloaded. Export the runs to keep them.`;
}

/** A run whose change the user (or the run's end) made: worth a write right away. */
function changedVisibly(before: Run, after: Run): boolean {
  return before.state !== after.state || before.label !== after.label || before.hidden !== after.hidden;
}

interface Slot {
  /** The object last handed to history.put (or read from it). */
  written: Run;
  /** Set while the run is within WRITE_INTERVAL_MS of its last write; when it fires, a newer object is written. */
  cooldown: ReturnType<typeof setTimeout> | null;
}

/** What startHistorySync resolves with. */
export interface HistorySyncHandle {
  /** True when the saved runs were read back (the store's runs are then all the runs this browser keeps, but
   *  for those in keptAside). */
  restored: boolean;
  /** The ids of the runs kept aside (damaged records, not shown): the user may import them again, so their
   *  checkpoints are not orphans. */
  keptAside: ReadonlySet<string>;
  /** Stops syncing, after writing what is pending. */
  stop: () => void;
}

/** Restores the saved runs into the store, then keeps the history up to date. */
export async function startHistorySync(
  store: Store,
  history: RunHistory | null,
  openFailure?: unknown,
  /** Saves a JSON text as a file (the browser's download; tests pass a recorder). */
  downloadJson: (json: string) => void = (json) => downloadBlob(new Blob([json], { type: 'application/json' }), 'residual-playground-damaged-runs.json'),
): Promise<HistorySyncHandle> {
  let failure = openFailure;
  let loaded: Awaited<ReturnType<RunHistory['loadAll']>> | null = null;
  if (history) {
    try {
      loaded = await history.loadAll();
    } catch (error) {
      failure = error;
    }
  }
  if (!history || !loaded) {
    // The queue waits for historyLoaded: it must be set even when nothing can be restored.
    store.dispatch({ type: 'historyRestored', runs: [] });
    const message = failure instanceof StorageTimeout ? timedOutNotice(failure) : history ? UNREADABLE : UNAVAILABLE;
    store.dispatch({ type: 'notice', scope: 'history', message });
    return { restored: false, keptAside: new Set(), stop: () => undefined };
  }
  store.dispatch({ type: 'historyRestored', runs: loaded.runs });
  if (loaded.skipped > 0) {
    store.dispatch({ type: 'notice', scope: 'history', message: skippedNotice(loaded.skipped), actions: quarantineActions(history, downloadJson) });
  }
  if ((loaded.diagnosticsDropped ?? 0) > 0) {
    store.dispatch({ type: 'notice', scope: 'history', message: diagnosticsDroppedNotice(loaded.diagnosticsDropped ?? 0), actions: quarantineActions(history, downloadJson) });
  }
  if ((loaded.divergedEndDropped ?? 0) > 0) {
    // Nothing kept aside for them: the points left out held only NaN or infinity.
    store.dispatch({ type: 'notice', scope: 'history', message: divergedEndNotice(loaded.divergedEndDropped ?? 0) });
  }
  if ((loaded.elsewhereDropped ?? 0) > 0) {
    store.dispatch({ type: 'notice', scope: 'history', message: elsewhereDroppedNotice(loaded.elsewhereDropped ?? 0), actions: quarantineActions(history, downloadJson) });
  }

  // The restored runs are what is stored. A run restoredRun turned from 'running' into 'stopped' is left as
  // stored: restoring it again gives the same run, and its next change rewrites it.
  const slots = new Map<string, Slot>(loaded.runs.map((run) => [run.id, { written: run, cooldown: null }]));
  let warned = false;

  const reportFailure = (error: unknown) => {
    if (warned) return; // One notice: a full disk fails every later write too.
    warned = true;
    store.dispatch({ type: 'notice', scope: 'history', message: writeFailedNotice(error) });
  };

  const currentRun = (runId: string): Run | undefined => store.getState().runs.find((run) => run.id === runId);

  const write = (run: Run, slot: Slot | undefined) => {
    if (slot?.cooldown) clearTimeout(slot.cooldown);
    const next: Slot = slot ?? { written: run, cooldown: null };
    next.written = run;
    next.cooldown = setTimeout(() => {
      next.cooldown = null;
      const latest = currentRun(run.id);
      if (latest && latest !== next.written) write(latest, next);
    }, WRITE_INTERVAL_MS);
    slots.set(run.id, next);
    history.put(run).catch(reportFailure);
  };

  let seenRuns: readonly Run[] | null = null;
  let seenCheckpoints: AppState['checkpoints'] | null = null;
  const sync = () => {
    const state = store.getState();
    // Writing an empty state before the saved runs are in it would lose them (and nothing changed since).
    if (!state.historyLoaded || (state.runs === seenRuns && state.checkpoints === seenCheckpoints)) return;
    const checkpointsBefore = seenCheckpoints;
    seenRuns = state.runs;
    seenCheckpoints = state.checkpoints;
    if (store.isApplyingRemote) {
      // Another tab made this change and writes it itself: taken as written, so it is not written again here
      // (an older copy written over the other tab's would undo its change).
      const present = new Set(state.runs.map((run) => run.id));
      for (const run of state.runs) {
        const slot = slots.get(run.id);
        if (slot) slot.written = run;
        else slots.set(run.id, { written: run, cooldown: null });
      }
      for (const [runId, slot] of slots) {
        if (present.has(runId)) continue;
        if (slot.cooldown) clearTimeout(slot.cooldown);
        slots.delete(runId);
      }
      return;
    }
    const present = new Set<string>();
    for (const run of state.runs) {
      present.add(run.id);
      const slot = slots.get(run.id);
      // A new checkpoint: the curve up to it is written now, so a reload that follows resumes a run whose
      // stored curve reaches the checkpoint (the points come before the checkpoint's event).
      const checkpointMoved = checkpointsBefore !== null && state.checkpoints[run.id] !== checkpointsBefore[run.id];
      if (slot?.written === run && !checkpointMoved) continue;
      if (!slot || !slot.cooldown || checkpointMoved || changedVisibly(slot.written, run)) write(run, slot);
      // Otherwise the cooldown's timer writes the newest object when it fires.
    }
    for (const [runId, slot] of slots) {
      if (present.has(runId)) continue;
      if (slot.cooldown) clearTimeout(slot.cooldown);
      slots.delete(runId);
      history.delete(runId).catch(reportFailure);
    }
  };

  /** Writes what the cooldowns hold back: the page may be gone before their timers fire. */
  const flush = () => {
    for (const [runId, slot] of slots) {
      const latest = currentRun(runId);
      if (slot.cooldown && latest && latest !== slot.written) write(latest, slot);
    }
  };
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') flush();
  };

  const unsubscribe = store.subscribe(sync);
  // Page lifecycle events exist only in a browser (the unit tests run in Node).
  const hasWindow = typeof window !== 'undefined' && typeof window.addEventListener === 'function';
  const hasDocument = typeof document !== 'undefined' && typeof document.addEventListener === 'function';
  if (hasWindow) window.addEventListener('pagehide', flush);
  if (hasDocument) document.addEventListener('visibilitychange', onVisibilityChange);
  sync(); // Runs queued or imported before the history was loaded.

  const stop = () => {
    unsubscribe();
    if (hasWindow) window.removeEventListener('pagehide', flush);
    if (hasDocument) document.removeEventListener('visibilitychange', onVisibilityChange);
    flush();
    for (const slot of slots.values()) if (slot.cooldown) clearTimeout(slot.cooldown);
  };
  return { restored: true, keptAside: new Set(loaded.keptAside ?? []), stop };
}
