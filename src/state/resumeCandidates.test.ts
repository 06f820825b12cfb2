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

describe('the resumable runs, asked again', () => {
  it('are the same array while only the training run moves on (a view selecting them is not re-rendered per report)', () => {
    const stopped = run('stopped', 'stopped');
    const first = stateWith([stopped, run('training', 'running', micro, { train: [] })], ['stopped']);
    const answer = resumeCandidates(first);
    // The next progress report: a new training run object, so a new runs array; the stopped run is the same.
    const next = { ...first, runs: [stopped, run('training', 'running', micro, { train: [{ iteration: 1, epoch: 0.1, trainError: 90, trainLoss: 2.3, learningRate: 0.1 }] })] };
    expect(resumeCandidates(next)).toBe(answer);
    // A new checkpoint of the stopped run is a new answer.
    const saved = { ...next, checkpoints: { stopped: { runId: 'stopped', iteration: 20, bytes: 1000, savedAt: 1 } } };
    expect(resumeCandidates(saved)).not.toBe(answer);
    expect(resumeCandidates(saved)[0].checkpointIteration).toBe(20);
  });
});
