import { describe, expect, it } from 'vitest';
import { presetById } from '../config';
import { presetMembers } from '../experiment/experimentPresets';
import { memberConfig } from '../experiment/planExperiment';
import { exportedExperiment } from './exportedExperiment';

const recipe = presetById('short').config;

describe('exportedExperiment', () => {
  it("exports a preset's networks in order, each configured as the app would queue it", () => {
    const members = presetMembers('figure6');
    const exported = exportedExperiment('figure6', members, recipe);
    expect(exported.name).toBe('Figure 6');
    expect(exported.configs).toEqual(members.map((member) => memberConfig(recipe, member)));
    expect(exported.configs.map((config) => `${config.model.blockType}-${config.model.depth}`)).toEqual(['plain-20', 'plain-56', 'residual-20', 'residual-56']);
  });

  it("exports the form's network in 'single' mode, named after it, whatever the list holds", () => {
    const single = { ...recipe, model: { ...recipe.model, depth: 110 } };
    const exported = exportedExperiment('single', presetMembers('figure6'), single);
    expect(exported.name).toBe('ResNet-110 (option A)');
    // From 110 layers the app adds §4.2's warm-up, as it does when it queues the run.
    expect(exported.configs).toEqual([{ ...single, warmup: true }]);
  });

  it('calls an own list "My list" and keeps a network listed twice once', () => {
    const [plain20] = presetMembers('degradation');
    expect(exportedExperiment('custom', [plain20, plain20], recipe)).toEqual({ name: 'My list', configs: [memberConfig(recipe, plain20)] });
  });
});
