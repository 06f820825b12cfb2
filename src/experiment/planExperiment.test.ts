import { describe, expect, it } from 'vitest';
import { presetById } from '../config';
import type { Run } from '../state/appState';
import { presetMembers } from './experimentPresets';
import { configKey, memberConfig, planExperiment } from './planExperiment';

const recipe = presetById('short').config;
const figure6 = presetMembers('figure6');

function runOf(memberIndex: number, change: Partial<Run>): Run {
  return { id: `r${memberIndex}`, config: memberConfig(recipe, figure6[memberIndex]), state: 'finished', createdAt: 0, train: [], test: [], backend: { name: 'webgpu', detail: '' }, ...change };
}

describe('planExperiment', () => {
  it('queues every network of the experiment in order when nothing was trained yet', () => {
    const plan = planExperiment(recipe, figure6, [], 'webgpu', { retrainFinished: false });
    expect(plan.toQueue.map((c) => `${c.model.blockType}-${c.model.depth}`)).toEqual(['plain-20', 'plain-56', 'residual-20', 'residual-56']);
    expect(plan.toQueue.every((c) => c.seed === recipe.seed && c.epochs === recipe.epochs)).toBe(true);
  });

  it('never recomputes by accident: a finished identical run on this backend is reused, a queued one is not queued twice', () => {
    const runs = [runOf(0, { state: 'finished' }), runOf(1, { state: 'queued' }), runOf(2, { state: 'running' })];
    const plan = planExperiment(recipe, figure6, runs, 'webgpu', { retrainFinished: false });
    expect(plan.reused.map((r) => r.id)).toEqual(['r0']);
    expect(plan.pending.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(plan.toQueue.map((c) => c.model.depth)).toEqual([56]);
  });

  it('retrains when asked, and when the finished run differs in seed, backend or is only stopped or imported', () => {
    expect(planExperiment(recipe, figure6, [runOf(0, {})], 'webgpu', { retrainFinished: true }).toQueue).toHaveLength(4);
    const other = [
      runOf(0, { config: { ...memberConfig(recipe, figure6[0]), seed: 7 } }),
      runOf(1, { backend: { name: 'webgl', detail: '' } }),
      runOf(2, { state: 'stopped' }),
      runOf(3, { importedFrom: 'theirs.json' }),
    ];
    expect(planExperiment(recipe, figure6, other, 'webgpu', { retrainFinished: false }).toQueue).toHaveLength(4);
  });

  it('queues a network listed twice once', () => {
    expect(planExperiment(recipe, [figure6[0], figure6[0]], [], 'webgpu', { retrainFinished: false }).toQueue).toHaveLength(1);
  });

  it('turns on the §4.2 warm-up from 110 layers only', () => {
    const configs = planExperiment(recipe, [{ depth: 110, blockType: 'residual', shortcut: 'A', block: 'basic' }, figure6[3]], [], null, { retrainFinished: false }).toQueue;
    expect(configs.map((c) => c.warmup)).toEqual([true, false]);
  });

  it('treats configurations with the same values in another key order as the same run', () => {
    const config = memberConfig(recipe, figure6[0]);
    const reordered = Object.fromEntries(Object.entries(config).reverse()) as typeof config;
    expect(configKey(reordered)).toBe(configKey(config));
  });
});
