import { describe, expect, it } from 'vitest';
import { presetById } from '../config';
import { presetMembers } from '../experiment/experimentPresets';
import { memberConfig } from '../experiment/planExperiment';
import { EXPERIMENT_FILE_FORMAT, EXPERIMENT_FILE_VERSION, experimentFile, initialWeightsPath } from './experimentFile';

const recipe = presetById('short').config;
const figure6 = presetMembers('figure6').map((member) => memberConfig(recipe, member));
const now = new Date(Date.UTC(2026, 11, 2, 13, 45, 0));

describe('experimentFile', () => {
  it('describes the Figure 6 preset: its four networks with their full configs, and the seeds', () => {
    const file = experimentFile({ name: 'Figure 6', configs: figure6, seeds: [0, 1, 2, 3, 4], withWeights: new Set(), now });
    expect(file).toEqual({
      format: 'residual-playground-experiment',
      version: 1,
      name: 'Figure 6',
      exportedAt: '2026-12-02T13:45:00.000Z',
      seeds: [0, 1, 2, 3, 4],
      runs: [
        { name: 'plain-20', config: figure6[0], initialWeights: null },
        { name: 'plain-56', config: figure6[1], initialWeights: null },
        { name: 'ResNet-20 (option A)', config: figure6[2], initialWeights: null },
        { name: 'ResNet-56 (option A)', config: figure6[3], initialWeights: null },
      ],
    });
    expect([EXPERIMENT_FILE_FORMAT, EXPERIMENT_FILE_VERSION]).toEqual([file.format, file.version]);
    // Each config is the whole TrainConfig, as JSON carries it.
    expect(JSON.parse(JSON.stringify(file)).runs[1].config).toEqual({ ...recipe, model: { ...recipe.model, blockType: 'plain', depth: 56 } });
  });

  it('points the runs given weights at their files, named by place, network and seed', () => {
    const seeded = figure6.map((config) => ({ ...config, seed: 7 }));
    const file = experimentFile({ name: 'Figure 6', configs: seeded, seeds: [7, 8], withWeights: new Set([0, 3]), now });
    expect(file.runs.map((run) => run.initialWeights)).toEqual([
      'weights/01-plain-20-seed-7.safetensors',
      null,
      null,
      'weights/04-resnet-56-option-a-seed-7.safetensors',
    ]);
  });

  it('numbers with enough digits for the list to sort', () => {
    expect(initialWeightsPath(9, 120, recipe)).toBe('weights/010-resnet-20-option-a-seed-0.safetensors');
  });
});
