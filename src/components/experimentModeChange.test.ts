import { describe, expect, it } from 'vitest';
import { presetMembers, type ExperimentMember } from '../experiment/experimentPresets';
import { changeMode } from './experimentModeChange';
import type { ExperimentChoice } from './ExperimentPanel';

const resnet110: ExperimentMember = { depth: 110, blockType: 'residual', shortcut: 'A', block: 'basic' };
const myList: ExperimentChoice = { mode: 'custom', members: [resnet110], retrainFinished: false };

describe('changeMode (Experiment menu)', () => {
  it('keeps the user’s own list while arrowing through the other modes, and brings it back', () => {
    let step = { choice: myList, keptList: null as ExperimentMember[] | null };
    for (const mode of ['single', 'degradation', 'figure6', 'optionAB'] as const) {
      step = changeMode(step.choice, step.keptList, mode);
      expect(step.choice.members).toEqual(presetMembers(mode));
    }
    expect(changeMode(step.choice, step.keptList, 'custom').choice).toEqual(myList);
  });

  it('starts "My list" from the networks shown when there is no list of the user’s own yet', () => {
    const figure6: ExperimentChoice = { mode: 'figure6', members: presetMembers('figure6'), retrainFinished: true };
    expect(changeMode(figure6, null, 'custom').choice).toEqual({ ...figure6, mode: 'custom' });
  });
});
