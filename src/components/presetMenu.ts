// The preset menu only chooses; applying is a separate, explicit act (its Apply button). A <select> fires
// `change` on every arrow key, so applying on change let a keyboard user overwrite their settings (e.g. with the
// paper's 64,000-iteration recipe, §4.2) just by moving through the list.
import { PRESETS, type TrainConfig } from '../config';

/** The settings a preset gives, keeping the network kind the user chose (plain or residual, shortcut option):
 *  a preset sets the recipe and the size; which side of the plain-vs-residual comparison to train stays theirs. */
export function presetApplied(presetId: string, current: TrainConfig): TrainConfig | null {
  const preset = PRESETS.find((p) => p.id === presetId);
  if (!preset) return null;
  return { ...preset.config, model: { ...preset.config.model, blockType: current.model.blockType, shortcut: current.model.shortcut } };
}

export type PresetMenuEvent = { type: 'chosen'; presetId: string } | { type: 'applyPressed' };

export interface PresetMenuStep {
  /** The preset shown in the menu ('' for none). It stays chosen after applying: pressing Apply again is harmless,
   *  and the button keeps the keyboard focus instead of turning disabled under it. */
  chosenId: string;
  /** The settings to switch to now, or null: only the Apply button ever gives any. */
  apply: TrainConfig | null;
}

export function presetMenuStep(chosenId: string, event: PresetMenuEvent, current: TrainConfig): PresetMenuStep {
  if (event.type === 'chosen') return { chosenId: event.presetId, apply: null };
  return { chosenId, apply: presetApplied(chosenId, current) };
}
