import { describe, expect, it } from 'vitest';
import { PRESETS } from './config';
import type { ExperimentPlan } from './experiment/planExperiment';
import type { Run } from './state/appState';
import { mainActionLabel } from './mainActionLabel';

const config = PRESETS.find((preset) => preset.id === 'short')!.config;
const run = (state: Run['state']): Run => ({ id: state, config, state, createdAt: 0, train: [], test: [] });
const plan = (toQueue: number, pending: Run[], reused: Run[]): ExperimentPlan => ({ toQueue: Array(toQueue).fill(config), pending, reused });

describe('mainActionLabel', () => {
  it('counts what it will queue', () => {
    expect(mainActionLabel(false, plan(4, [], []))).toBe('Run experiment (4 runs)');
    expect(mainActionLabel(false, plan(1, [run('queued')], []))).toBe('Run experiment (1 run)');
    expect(mainActionLabel(true, plan(1, [], []))).toBe('Train');
  });

  it('says that everything is already queued instead of "0 runs" (the first-visit proposal queued 4)', () => {
    expect(mainActionLabel(false, plan(0, [run('running'), run('queued'), run('queued'), run('queued')], []))).toBe('All 4 queued or training');
    expect(mainActionLabel(false, plan(0, [run('queued')], []))).toBe('Already queued or training');
  });

  it('says that everything already finished', () => {
    expect(mainActionLabel(false, plan(0, [], [run('finished'), run('finished')]))).toBe('All 2 finished here');
    expect(mainActionLabel(false, plan(0, [run('queued')], [run('finished')]))).toBe('All 2 queued, training or finished');
  });
});
