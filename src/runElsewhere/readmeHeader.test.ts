import { describe, expect, it } from 'vitest';
import { presetById } from '../config';
import { presetMembers } from '../experiment/experimentPresets';
import { memberConfig } from '../experiment/planExperiment';
import { readmeHeader } from './readmeHeader';
import { IMPORT_STEP, RUN_COMMANDS } from './runCommands';

const recipe = presetById('short').config;
const figure6 = presetMembers('figure6').map((member) => memberConfig(recipe, member));

describe('readmeHeader', () => {
  const header = readmeHeader({ name: 'Figure 6', configs: figure6, seeds: [0, 1, 2, 3, 4], weightsSeed: null });

  it('names the experiment, its networks, its length and its seeds', () => {
    expect(header).toMatch(/^# Figure 6: run it with PyTorch\n/);
    expect(header).toContain('- **Networks** (4): plain-20, plain-56, ResNet-20 (option A), ResNet-56 (option A)\n');
    expect(header).toContain('- **Schedule**: 15 epochs (5,850 iterations at batch 128)\n');
    expect(header).toContain('- **Seeds** (5): 0, 1, 2, 3, 4; every network trains once per seed, 20 runs in all\n');
    expect(header).not.toContain('Initial weights');
  });

  it('gives the commands as code blocks, then the import step, then a rule before the static README', () => {
    expect(RUN_COMMANDS.map((step) => step.command)).toEqual(['python residual_playground.py', 'torchrun --standalone --nproc_per_node=8 residual_playground.py']);
    for (const { where, command } of RUN_COMMANDS) expect(header).toContain(`${where}\n\n\`\`\`\n${command}\n\`\`\`\n`);
    expect(header).toContain(IMPORT_STEP);
    expect(header.endsWith('\n---\n\n')).toBe(true);
  });

  it("says which seed starts from the app's own weights", () => {
    const withWeights = readmeHeader({ name: 'Figure 6', configs: figure6, seeds: [3], weightsSeed: 3 });
    expect(withWeights).toContain('- **Initial weights**: seed 3 starts from the app’s own (weights/)');
    expect(withWeights).toContain('4 runs in all');
  });
});
