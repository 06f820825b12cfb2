// The page's plan reads the runs through this roster: it must not change with every progress report.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import type { Run } from './appState';
import { runRosterSelector } from './runRoster';

const micro = PRESETS.find((preset) => preset.id === 'micro')!.config;
const run = (id: string, state: Run['state'], extra: Partial<Run> = {}): Run => ({ id, config: micro, state, createdAt: 0, train: [], test: [], ...extra });
const point = (iteration: number) => ({ iteration, epoch: iteration / 4, trainError: 90, trainLoss: 2.3, learningRate: 0.1 });

describe('the run roster', () => {
  it('keeps its answer through progress reports and changes when a run starts, ends, or is added', () => {
    const select = runRosterSelector();
    const done = run('done', 'finished');
    const first = select({ runs: [done, run('a', 'running', { train: [point(1)] })] });
    // Ten progress reports: a new training run object (and runs array) each time.
    for (let i = 2; i <= 11; i++) expect(select({ runs: [done, run('a', 'running', { train: [point(i)] })] })).toBe(first);
    const ended = [done, run('a', 'finished')];
    expect(select({ runs: ended })).toBe(ended);
    const added = [...ended, run('b', 'queued')];
    expect(select({ runs: added })).toBe(added);
    expect(select({ runs: added.slice(1) })).toEqual([ended[1], added[2]]);
  });
});
