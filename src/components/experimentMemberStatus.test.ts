import { describe, expect, it } from 'vitest';
import { presetById } from '../config';
import { presetMembers } from '../experiment/experimentPresets';
import { memberConfig, planExperiment } from '../experiment/planExperiment';
import type { Run } from '../state/appState';
import { memberStatus } from './experimentMemberStatus';

const recipe = presetById('short').config;
const figure6 = presetMembers('figure6');
const configs = figure6.map((member) => memberConfig(recipe, member));

function runOf(memberIndex: number, change: Partial<Run>): Run {
  return { id: `r${memberIndex}`, config: configs[memberIndex], state: 'finished', createdAt: 0, train: [], test: [], backend: { name: 'webgpu', detail: '' }, ...change };
}

describe('experiment member status', () => {
  it('says the network the queue is training is training, not queued', () => {
    const runs = [runOf(0, { state: 'running' }), runOf(1, { state: 'queued' }), runOf(2, { state: 'finished' })];
    const plan = planExperiment(recipe, figure6, runs, 'webgpu', { retrainFinished: false });
    expect(configs.map((config) => memberStatus(plan, config))).toEqual([' · training now', ' · queued', ' · already trained here', '']);
  });

  it('says a run just starting is training, and a paused one is paused', () => {
    const starting = planExperiment(recipe, figure6, [runOf(1, { state: 'starting' })], 'webgpu', { retrainFinished: false });
    expect(memberStatus(starting, configs[1])).toBe(' · training now');
    const paused = planExperiment(recipe, figure6, [runOf(1, { state: 'paused' })], 'webgpu', { retrainFinished: false });
    expect(memberStatus(paused, configs[1])).toBe(' · paused');
  });

  it('says nothing without a plan', () => {
    expect(memberStatus(null, configs[0])).toBe('');
  });
});
