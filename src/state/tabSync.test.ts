// Two tabs in one test: two stores joined by an in-memory broadcast channel, one training lock between them.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import type { Run } from './appState';
import { startHistorySync } from './historySync';
import { startQueueRunner } from './queueRunner';
import { restoredRun } from './runHistory';
import type { Action } from './reducer';
import type { RunHistory } from './runHistory';
import { Store } from './store';
import { INTERRUPTED_IN_OTHER_TAB, startTabSync, type RunCommand } from './tabSync';
import type { TrainingLock } from './trainingLock';

const config = PRESETS[0].config;

/** A BroadcastChannel stand-in: what one end posts, every other end receives (structured-cloned, as for real). */
class Hub {
  private readonly ends: { onmessage: ((event: MessageEvent) => void) | null }[] = [];
  end() {
    const end = {
      onmessage: null as ((event: MessageEvent) => void) | null,
      postMessage: (message: unknown) => {
        for (const other of this.ends) if (other !== end) other.onmessage?.({ data: structuredClone(message) } as MessageEvent);
      },
      close: () => undefined,
    };
    this.ends.push(end);
    return end;
  }
}

/** A lock another tab holds until `free()`. */
function heldLock() {
  let free!: () => void;
  const freed = new Promise<void>((resolve) => (free = resolve));
  const lock: TrainingLock = { tryAcquire: async () => null, whenFree: () => freed, heldElsewhere: async () => true };
  return { lock, free };
}

/** One Web Lock shared by several tabs: held by one at a time, released by the function tryAcquire gave. */
class MemoryLock {
  private held = false;
  private waiters: (() => void)[] = [];
  forTab(): TrainingLock {
    return {
      tryAcquire: async () => {
        if (this.held) return null;
        this.held = true;
        return () => {
          this.held = false;
          this.waiters.splice(0).forEach((wake) => void Promise.resolve().then(wake));
        };
      },
      whenFree: () => (this.held ? new Promise<void>((resolve) => this.waiters.push(resolve)) : Promise.resolve()),
      heldElsewhere: async () => this.held,
    };
  }
}

const freeLock: TrainingLock = { tryAcquire: async () => () => undefined, whenFree: async () => undefined, heldElsewhere: async () => false };

function tab(hub: Hub, lock: TrainingLock, elsewhere = false) {
  const store = new Store();
  const commands: RunCommand[] = [];
  let forward: ((runId: string, command: RunCommand) => void) | null = null;
  const client = {
    pause: () => void commands.push('pause'),
    resume: () => void commands.push('resume'),
    stop: () => void commands.push('stop'),
    setRemoteControl: (f: (runId: string, command: RunCommand) => void) => void (forward = f),
  };
  startTabSync(store, client, lock, Promise.resolve(elsewhere), hub.end());
  return { store, commands, forward: (runId: string, command: RunCommand) => forward!(runId, command) };
}

const progress = (iteration: number): Action => ({
  type: 'trainProgress', runId: 'r1', iteration, epoch: iteration / 10, trainError: 50, trainLoss: 1, learningRate: 0.1, imagesPerSecond: 1, etaSeconds: 1, tensorsAlive: 1, gpuBytes: 1,
});

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('tab sync', () => {
  it('the other tab follows the training run live, and a rename there reaches the training tab', async () => {
    const hub = new Hub();
    const a = tab(hub, freeLock);
    const b = tab(hub, heldLock().lock);
    [a.store, b.store].forEach((store) => store.dispatch({ type: 'historyRestored', runs: [] }));
    a.store.dispatch({ type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 }); // B does not know r1 yet
    a.store.dispatch({ type: 'runStarting', runId: 'r1' });
    a.store.dispatch({ type: 'runState', runId: 'r1', state: 'running' });
    a.store.dispatch(progress(10));
    a.store.dispatch({ type: 'checkpointSaved', runId: 'r1', iteration: 10, bytes: 5, saveMs: 1 });

    const seen = b.store.getState();
    expect(seen.remoteRunId).toBe('r1');
    expect(seen.runs[0]).toMatchObject({ id: 'r1', state: 'running', live: { iteration: 10 } });
    expect(seen.checkpoints.r1).toMatchObject({ iteration: 10 });
    expect(a.store.getState().remoteRunId).toBeNull();

    b.store.dispatch({ type: 'runRenamed', runId: 'r1', label: 'renamed in B' });
    expect(a.store.getState().runs[0].label).toBe('renamed in B');

    // Pause and Stop pressed in B reach A's worker; A ignores what is not its own run.
    b.forward('r1', 'pause');
    b.forward('other', 'stop');
    expect(a.commands).toEqual(['pause']);

    a.store.dispatch({ type: 'runState', runId: 'r1', state: 'finished' });
    expect(b.store.getState().runs[0].state).toBe('finished');
    expect(b.store.getState().remoteRunId).toBeNull();
  });

  it('changes from another tab are not written by this tab (the other writes them): nothing is undone', async () => {
    const hub = new Hub();
    const a = tab(hub, freeLock);
    const b = tab(hub, heldLock().lock);
    const saved: Run = { id: 'r1', config, state: 'finished', createdAt: 0, train: [], test: [] };
    const puts: Run[] = [];
    const memory: RunHistory = { loadAll: async () => ({ runs: [saved], skipped: 0 }), put: async (run) => void puts.push(run), delete: async () => undefined, quarantined: async () => [], discardQuarantined: async () => undefined };
    await startHistorySync(b.store, memory);
    a.store.dispatch({ type: 'historyRestored', runs: [saved] });
    a.store.dispatch({ type: 'runRenamed', runId: 'r1', label: 'from A' });
    expect(b.store.getState().runs[0].label).toBe('from A');
    expect(puts).toEqual([]);
    b.store.dispatch({ type: 'runVisibilitySet', runId: 'r1', hidden: true }); // B's own change: B writes it
    expect(puts.map((run) => [run.label, run.hidden])).toEqual([['from A', true]]);
  });

  it('a tab opened while another trains gets the run from it, not from storage, and shows it interrupted only when that tab closes', async () => {
    const hub = new Hub();
    const a = tab(hub, freeLock);
    a.store.dispatch({ type: 'historyRestored', runs: [] });
    a.store.dispatch({ type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 });
    a.store.dispatch({ type: 'runStarting', runId: 'r1' });
    a.store.dispatch({ type: 'runState', runId: 'r1', state: 'running' });
    a.store.dispatch(progress(10));
    a.store.dispatch(progress(20));

    const { lock, free } = heldLock();
    const b = tab(hub, lock, true);
    // Storage is behind (it has iteration 10) and says 'running': restored here as interrupted, for a moment.
    const stored = { id: 'r1', config, state: 'running' as const, createdAt: 0, train: a.store.getState().runs[0].train.slice(0, 1), test: [], schemaVersion: 1 as const, sequence: 0 };
    const memory: RunHistory = {
      loadAll: async () => ({ runs: [restoredRun(stored)], skipped: 0 }),
      put: async () => undefined,
      delete: async () => undefined,
      quarantined: async () => [],
      discardQuarantined: async () => undefined,
    };
    await startHistorySync(b.store, memory);
    await flush();
    // A answered B's hello with the whole run: B shows it training, with every point A has.
    expect(b.store.getState().runs[0]).toMatchObject({ state: 'running', live: { iteration: 20 } });
    expect(b.store.getState().runs[0].train.map((point) => point.iteration)).toEqual([10, 20]);
    expect(b.store.getState().remoteRunId).toBe('r1');

    free(); // the training tab was closed: its lock is released without a last word
    await flush();
    expect(b.store.getState().runs[0]).toMatchObject({ state: 'stopped', message: INTERRUPTED_IN_OTHER_TAB });
    expect(b.store.getState().remoteRunId).toBeNull();
  });

  it('two tabs pressing Train together on the same network: one trains it, the other shows that run instead of training it again', async () => {
    const hub = new Hub();
    const locks = new MemoryLock();
    const started: string[] = [];
    const tabs = ['a', 'b'].map((name) => {
      const lock = locks.forTab();
      const t = tab(hub, lock);
      // The worker: builds the network at once (runStarted, as trainingClient reports it), then trains on cue.
      startQueueRunner(t.store, {
        start: (runId, runConfig) => {
          started.push(runId);
          t.store.dispatch({ type: 'runStarting', runId });
          t.store.dispatch({ type: 'runStarted', runId, config: runConfig, trainableParameters: 1, iterationsPerEpoch: 1, totalIterations: 1, lrDropIterations: [], evaluatedOn: 'test' });
        },
      }, lock);
      t.store.dispatch({ type: 'historyRestored', runs: [] });
      t.store.dispatch({ type: 'backend', backend: 'webgpu', detail: '', fallbackReasons: [] });
      t.store.dispatch({ type: 'data', status: { state: 'ready', source: 'served', trainImages: 50_000, testImages: 10_000 } });
      return { name, ...t };
    });
    // The same instant: each tab planned the network (neither knew the other's) and queued it.
    for (const t of tabs) t.store.dispatch({ type: 'runsQueued', runs: [{ runId: `${t.name}-run`, config }], createdAt: 0 });
    await flush();
    expect(started).toEqual(['a-run']);
    const [a, b] = tabs;
    a.store.dispatch({ type: 'runState', runId: 'a-run', state: 'running' });
    a.store.dispatch({ type: 'runState', runId: 'a-run', state: 'finished' });
    await flush();
    await flush();

    expect(started).toEqual(['a-run']); // B got the lock and did not train the same network again
    for (const t of tabs) expect(t.store.getState().runs.map((run) => [run.id, run.state])).toEqual([['a-run', 'finished']]);
    expect(b.store.getState().notices.map((notice) => notice.message)).toContainEqual(expect.stringMatching(/already trained in another tab with identical settings: shown instead of training it again/));
    await expect(locks.forTab().tryAcquire()).resolves.not.toBeNull(); // and gave the lock back
  });
});
