import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, PRESETS } from '../config';
import { presetApplied, presetMenuStep } from './presetMenu';

const residualB = { ...DEFAULT_CONFIG, model: { ...DEFAULT_CONFIG.model, blockType: 'residual' as const, shortcut: 'B' as const } };

describe('preset menu', () => {
  it('applies nothing when a preset is only chosen, as every arrow key in the menu does', () => {
    let chosenId = '';
    for (const preset of PRESETS) {
      const step = presetMenuStep(chosenId, { type: 'chosen', presetId: preset.id }, residualB);
      expect(step.apply).toBeNull();
      chosenId = step.chosenId;
    }
    expect(chosenId).toBe(PRESETS[PRESETS.length - 1].id);
  });

  it('applies the chosen preset when Apply is pressed, and keeps it chosen', () => {
    const step = presetMenuStep('paper', { type: 'applyPressed' }, residualB);
    expect(step.chosenId).toBe('paper');
    expect(step.apply).toMatchObject({ schedule: 'paper', batchSize: 128, model: { depth: PRESETS[0].config.model.depth } });
  });

  it('applies nothing when Apply is pressed with no preset chosen', () => {
    expect(presetMenuStep('', { type: 'applyPressed' }, residualB).apply).toBeNull();
  });

  it('keeps the network kind the user chose', () => {
    expect(presetApplied('micro', residualB)?.model).toMatchObject({ depth: 8, width: 4, blockType: 'residual', shortcut: 'B' });
  });
});
