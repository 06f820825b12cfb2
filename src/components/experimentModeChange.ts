// Choosing in the Experiment menu only changes what the main button would queue: nothing starts until it is pressed
// (App.tsx queues in the button's handler only). A <select> fires `change` on every arrow key, so moving through the
// menu must also not lose the user's own list ("My list"): it is kept aside while another mode is shown.
import { presetMembers, type ExperimentMember, type ExperimentMode } from '../experiment/experimentPresets';
import type { ExperimentChoice } from './ExperimentPanel';

export interface ModeChange {
  choice: ExperimentChoice;
  /** The user's own list while another mode is shown; null until they had one. */
  keptList: ExperimentMember[] | null;
}

export function changeMode(choice: ExperimentChoice, keptList: ExperimentMember[] | null, mode: ExperimentMode): ModeChange {
  const kept = choice.mode === 'custom' ? choice.members : keptList;
  // Back to "My list": the list kept aside, or (never had one) the networks shown now, to edit from.
  const members = mode === 'custom' ? (kept ?? choice.members) : presetMembers(mode);
  return { choice: { ...choice, mode, members }, keptList: kept };
}
