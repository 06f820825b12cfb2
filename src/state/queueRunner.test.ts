import { describe, expect, it } from 'vitest';
import { presetById } from '../config';
import { startQueueRunner } from './queueRunner';
import { Store } from './store';

const config = presetById('micro').config;

function setUp() {
  const store = new Store();
  const started: string[] = [];
  // A client that records what it was asked to start and tells the store, as TrainingClient.start does.
  startQueueRunner(store, {
    start: (runId) => {
      started.push(runId);
      store.dispatch({ type: 'runStarting', runId });
    },
  });
  const ready = () => {
    store.dispatch({ type: 'historyRestored', runs: [] });
    store.dispatch({ type: 'backend', backend: 'webgpu', detail: '', fallbackReasons: [] });
    store.dispatch({ type: 'data', status: { state: 'ready', source: 'served', trainImages: 50_000, testImages: 10_000 } });
  };
  const queue = (...ids: string[]) => store.dispatch({ type: 'runsQueued', runs: ids.map((runId) => ({ runId, config })), createdAt: 0 });
  return { store, started, ready, queue };
}

describe('queue runner', () => {
  it('waits for the history, the data and a backend before starting anything', () => {
    const { started, ready, queue } = setUp();
    queue('a', 'b');
    expect(started).toEqual([]);
    ready();
    expect(started).toEqual(['a']);
  });

  it('starts the runs one after another, in queue order', () => {
    const { store, started, ready, queue } = setUp();
    ready();
    queue('a', 'b', 'c');
    store.dispatch({ type: 'queuedRunMoved', runId: 'c', offset: -1 });
    expect(started).toEqual(['a']);
    store.dispatch({ type: 'runState', runId: 'a', state: 'running' });
    expect(started).toEqual(['a']);
    store.dispatch({ type: 'runState', runId: 'a', state: 'finished' });
    expect(started).toEqual(['a', 'c']);
    store.dispatch({ type: 'runState', runId: 'c', state: 'finished' });
    expect(started).toEqual(['a', 'c', 'b']);
    store.dispatch({ type: 'runState', runId: 'b', state: 'finished' });
    expect(started).toEqual(['a', 'c', 'b']);
  });

  it('starts nothing while the queue is paused (a stop pauses it) and goes on when resumed', () => {
    const { store, started, ready, queue } = setUp();
    ready();
    queue('a', 'b');
    store.dispatch({ type: 'runState', runId: 'a', state: 'stopped' });
    expect(started).toEqual(['a']);
    expect(store.getState().queuePaused).toBe(true);
    store.dispatch({ type: 'queueResumed' });
    expect(started).toEqual(['a', 'b']);
  });

  it('never starts a finished run again', () => {
    const { store, started, ready, queue } = setUp();
    ready();
    queue('a');
    store.dispatch({ type: 'runState', runId: 'a', state: 'finished' });
    store.dispatch({ type: 'queueResumed' });
    store.dispatch({ type: 'runVisibilitySet', runId: 'a', hidden: true });
    expect(started).toEqual(['a']);
  });
});
