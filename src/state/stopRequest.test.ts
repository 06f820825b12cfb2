// "Stopping…" from the press of Stop until the worker confirms (issue 20, finding 5): a step on a slow device
// takes a minute, and the page said nothing meanwhile.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import { INITIAL_STATE, isStopping, type AppState } from './appState';
import { reduce, type Action } from './reducer';

const config = PRESETS[0].config;
const apply = (actions: Action[], from: AppState = INITIAL_STATE) => actions.reduce(reduce, from);
const training: Action[] = [
  { type: 'runsQueued', runs: [{ runId: 'r1', config }], createdAt: 0 },
  { type: 'runStarting', runId: 'r1' },
  { type: 'runState', runId: 'r1', state: 'running' },
];

describe('a stop request', () => {
  it('marks the run as stopping until the worker says it stopped', () => {
    const asked = apply([...training, { type: 'runStopRequested', runId: 'r1' }]);
    expect(isStopping(asked, asked.runs[0])).toBe(true);
    const stopped = apply([{ type: 'runState', runId: 'r1', state: 'stopped' }], asked);
    expect(isStopping(stopped, stopped.runs[0])).toBe(false);
  });

  it('does not stop the same run once it is resumed', () => {
    const stopped = apply([
      ...training,
      { type: 'runStopRequested', runId: 'r1' },
      { type: 'checkpointSaved', runId: 'r1', iteration: 5, bytes: 10, saveMs: 1 },
      { type: 'runState', runId: 'r1', state: 'stopped' },
    ]);
    const resumed = apply([{ type: 'runResumeRequested', runId: 'r1' }, { type: 'runStarting', runId: 'r1' }], stopped);
    expect(resumed.runs[0].state).toBe('starting');
    expect(isStopping(resumed, resumed.runs[0])).toBe(false);
  });
});
