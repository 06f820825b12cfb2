// Which runs the page offers to resume: the newest first at the top of the page, and for the Train button those
// with exactly the settings it would train (issue 20, finding 6).
import { describe, expect, it } from 'vitest';
import { PRESETS, type TrainConfig } from '../config';
import { INITIAL_STATE, type AppState, type Run } from './appState';
import { resumeCandidates, resumeCandidatesFor } from './resumeCandidates';

const micro = PRESETS.find((preset) => preset.id === 'micro')!.config;
const otherSeed: TrainConfig = { ...micro, seed: 7 };

function run(id: string, state: Run['state'], config: TrainConfig = micro, extra: Partial<Run> = {}): Run {
  return { id, config, state, createdAt: 0, train: [], test: [], ...extra };
}

function stateWith(runs: Run[], checkpointed: string[], remoteRunId: string | null = null): AppState {
  const checkpoints = Object.fromEntries(checkpointed.map((runId) => [runId, { runId, iteration: 10, bytes: 1000, savedAt: 0 }]));
  return { ...INITIAL_STATE, runs, checkpoints, remoteRunId };
}

describe('runs that can be resumed', () => {
  it('are the stopped or failed runs with a checkpoint, newest first, with the iteration they go on from', () => {
    const state = stateWith(
      [run('old', 'stopped'), run('done', 'finished'), run('lost', 'stopped'), run('diverged', 'failed'), run('new', 'stopped')],
      ['old', 'done', 'diverged', 'new'],
    );
    expect(resumeCandidates(state).map((candidate) => [candidate.run.id, candidate.checkpointIteration])).toEqual([
      ['new', 10],
      ['diverged', 10],
      ['old', 10],
    ]);
  });

  it('leave out the run another tab trains and imported runs', () => {
    const state = stateWith([run('theirs', 'stopped'), run('imported', 'stopped', micro, { importedFrom: 'runs.json' })], ['theirs', 'imported'], 'theirs');
    expect(resumeCandidates(state)).toEqual([]);
  });
});

describe('the runs Train would train again from iteration 0', () => {
  it('are the resumable runs with exactly the settings to queue (not another seed), one per setting, the newest', () => {
    const state = stateWith([run('a', 'stopped'), run('b', 'stopped'), run('seed7', 'stopped', otherSeed)], ['a', 'b', 'seed7']);
    expect(resumeCandidatesFor(state, [micro]).map((candidate) => candidate.run.id)).toEqual(['b']);
    expect(resumeCandidatesFor(state, [micro, otherSeed]).map((candidate) => candidate.run.id)).toEqual(['seed7', 'b']);
    expect(resumeCandidatesFor(state, [{ ...micro, epochs: 3 }])).toEqual([]);
  });

  it('are none when the stopped run kept no checkpoint (nothing to go on from)', () => {
    expect(resumeCandidatesFor(stateWith([run('a', 'stopped')], []), [micro])).toEqual([]);
  });
});
