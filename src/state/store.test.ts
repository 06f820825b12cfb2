// The store's two cadences (issue 20, finding 2): code that acts on the state sees every action at once; views
// see the worker's progress stream at most every VIEW_INTERVAL_MS, and the user's actions at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESETS } from '../config';
import type { Action } from './reducer';
import type { AppState } from './appState';
import { keptSelection, Store } from './store';
import { VIEW_INTERVAL_MS } from './viewCadence';

const config = PRESETS[0].config;

const tick = (iteration: number): Action => ({
  type: 'trainTick',
  runId: 'r1',
  iteration,
  epoch: iteration / 4,
  learningRate: 0.1,
  imagesPerSecond: 10,
  etaSeconds: 5,
  tensorsAlive: 100,
  gpuBytes: 1_000,
});

/** A store with run r1 training, and counters of what each audience was told. */
function trainingStore() {
  const store = new Store();
  store.dispatch({ type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 });
  store.dispatch({ type: 'runStarting', runId: 'r1' });
  store.dispatch({ type: 'runState', runId: 'r1', state: 'running' });
  const told = { actors: 0, views: 0 };
  store.subscribe(() => (told.actors += 1));
  store.subscribeView(() => (told.views += 1));
  return { store, told };
}

describe('Store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  it('marks a publish of the progress stream alone as paced, an action not', () => {
    const { store } = trainingStore();
    const seen: boolean[] = [];
    store.subscribeView(() => seen.push(store.isPacedPublish));
    store.dispatch(tick(1));
    vi.advanceTimersByTime(VIEW_INTERVAL_MS);
    store.dispatch({ type: 'runState', runId: 'r1', state: 'paused' });
    expect(seen).toEqual([true, false]);
    expect(store.isPacedPublish).toBe(false);
  });

  it('tells views of 50 progress reports in one burst once, while getState() follows every one', () => {
    const { store, told } = trainingStore();
    for (let i = 1; i <= 50; i++) {
      store.dispatch(tick(i));
      expect(store.getState().runs[0].live?.iteration).toBe(i);
    }
    expect(told.actors).toBe(50);
    expect(told.views).toBe(0);
    vi.advanceTimersByTime(VIEW_INTERVAL_MS);
    expect(told.views).toBe(1);
    expect(store.getViewState()).toBe(store.getState());
  });

  it('tells views of a steady stream of reports (every 10 ms for 1 s) at most once per interval', () => {
    const { store, told } = trainingStore();
    for (let i = 1; i <= 100; i++) {
      store.dispatch(tick(i));
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(VIEW_INTERVAL_MS);
    // 1 s of reports: one publish per view interval, plus the first (at once, the interval before had ended).
    expect(told.views).toBeLessThanOrEqual(1 + Math.ceil(1_000 / VIEW_INTERVAL_MS));
    expect(told.views).toBeGreaterThanOrEqual(1_000 / VIEW_INTERVAL_MS);
    expect(store.getViewState().runs[0].live?.iteration).toBe(100);
  });

  it('tells views of a user action at once, with the progress reported before it', () => {
    const { store, told } = trainingStore();
    store.dispatch(tick(1));
    store.dispatch({ type: 'runRenamed', runId: 'r1', label: 'my run' });
    expect(told.views).toBe(1);
    expect(store.getViewState().runs[0]).toMatchObject({ label: 'my run', live: { iteration: 1 } });
    vi.advanceTimersByTime(VIEW_INTERVAL_MS);
    expect(told.views).toBe(1); // the pending publish had nothing new to show
  });

  it('tells views of a paced publish inside the page’s wrapper (flushSync), of an action outside it', () => {
    const wrapped: boolean[] = [];
    let inside = false;
    const store = new Store(VIEW_INTERVAL_MS, (notify) => {
      inside = true;
      try {
        notify();
      } finally {
        inside = false;
      }
    });
    store.dispatch({ type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 });
    store.dispatch({ type: 'runStarting', runId: 'r1' });
    store.subscribeView(() => wrapped.push(inside));
    store.dispatch(tick(1));
    vi.advanceTimersByTime(VIEW_INTERVAL_MS);
    store.dispatch({ type: 'runState', runId: 'r1', state: 'paused' });
    expect(wrapped).toEqual([true, false]);
  });

  it('gives one paced view per paced publish the redraw, none in an action’s publish', () => {
    const { store } = trainingStore();
    const claims: boolean[][] = [];
    store.subscribeView(() => claims.push([store.claimPacedRedraw(), store.claimPacedRedraw()]));
    store.dispatch(tick(1));
    vi.advanceTimersByTime(VIEW_INTERVAL_MS);
    store.dispatch(tick(2));
    vi.advanceTimersByTime(VIEW_INTERVAL_MS);
    store.dispatch({ type: 'runRenamed', runId: 'r1', label: 'my run' });
    expect(claims).toEqual([[true, false], [true, false], [false, false]]);
    expect(store.claimPacedRedraw()).toBe(false);
  });

  it('tells views at once when a run ends', () => {
    const { store, told } = trainingStore();
    store.dispatch(tick(1));
    store.dispatch({ type: 'runState', runId: 'r1', state: 'finished' });
    expect(told.views).toBe(1);
    expect(store.getViewState().runs[0].state).toBe('finished');
  });
});

describe('keptSelection', () => {
  it('gives the same answer for the same state and selector, even when the selector builds a new array', () => {
    const { store } = trainingStore();
    const read = keptSelection<readonly string[]>();
    const runIds = (state: AppState) => state.runs.map((run) => run.id);
    const first = read(store.getViewState(), runIds);
    expect(read(store.getViewState(), runIds)).toBe(first);
    store.dispatch({ type: 'runRenamed', runId: 'r1', label: 'renamed' });
    const after = read(store.getViewState(), runIds);
    expect(after).not.toBe(first);
    expect(after).toEqual(['r1']);
  });
});
