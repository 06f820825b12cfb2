// An experiment is an ordered list of networks trained with one shared recipe (schedule, seed, width, ...).
// The presets are the comparisons the paper makes on CIFAR-10 (§4.2), plus option A vs B as an extension.
import type { ModelConfig } from '../config';

/** What differs between the runs of one experiment; everything else comes from the shared recipe. */
export type ExperimentMember = Pick<ModelConfig, 'depth' | 'blockType' | 'shortcut' | 'block'>;

export type ExperimentMode = 'single' | 'degradation' | 'figure6' | 'optionAB' | 'custom';

export interface ExperimentPreset {
  id: Exclude<ExperimentMode, 'single' | 'custom'>;
  label: string;
  description: string;
  members: readonly ExperimentMember[];
}

const plain = (depth: number): ExperimentMember => ({ depth, blockType: 'plain', shortcut: 'A', block: 'basic' });
const resnet = (depth: number, shortcut: 'A' | 'B' = 'A'): ExperimentMember => ({ depth, blockType: 'residual', shortcut, block: 'basic' });

export const EXPERIMENT_PRESETS: readonly ExperimentPreset[] = [
  {
    id: 'degradation',
    label: 'Degradation (Fig. 1)',
    description: 'plain-20 and plain-56: the deeper plain net has the higher training error (Fig. 1).',
    members: [plain(20), plain(56)],
  },
  {
    id: 'figure6',
    label: 'Figure 6',
    description:
      'plain-20, plain-56, ResNet-20, ResNet-56: degradation, and its fix by shortcuts (Fig. 6 left and middle). Add 32/44/110 if you have the time.',
    members: [plain(20), plain(56), resnet(20), resnet(56)],
  },
  {
    id: 'optionAB',
    label: 'Option A vs B',
    description:
      'ResNet-20 with zero-padding (A) and projection (B) shortcuts. The paper compared them on ImageNet only (Table 3: B slightly better): an extension.',
    members: [resnet(20, 'A'), resnet(20, 'B')],
  },
];

export function experimentPresetById(id: string): ExperimentPreset | undefined {
  return EXPERIMENT_PRESETS.find((preset) => preset.id === id);
}

/** The member list of a mode; 'single' and 'custom' have none of their own. */
export function presetMembers(mode: ExperimentMode): ExperimentMember[] {
  return [...(experimentPresetById(mode)?.members ?? [])];
}

export function sameMember(a: ExperimentMember, b: ExperimentMember): boolean {
  return a.depth === b.depth && a.blockType === b.blockType && a.block === b.block && (a.blockType === 'plain' || a.shortcut === b.shortcut);
}
