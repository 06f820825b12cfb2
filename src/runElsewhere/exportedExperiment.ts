// What "Run elsewhere…" exports: the runs the main button would queue, all of them (a network already trained
// here is trained again there: the point is the full length and more seeds), each with the config the app
// would give it, and a name for the folder.
import { modelName, type TrainConfig } from '../config';
import { experimentPresetById, type ExperimentMember, type ExperimentMode } from '../experiment/experimentPresets';
import { configKey, memberConfig } from '../experiment/planExperiment';

export interface ExportedExperiment {
  /** The preset's label, "My list", or the single network's name. */
  name: string;
  /** In queue order, without repeats (the app trains a network listed twice once). */
  configs: TrainConfig[];
}

/** `members` is the experiment's list; in 'single' mode the form's network (recipe.model) is the one run. */
export function exportedExperiment(mode: ExperimentMode, members: readonly ExperimentMember[], recipe: TrainConfig): ExportedExperiment {
  const listed = mode === 'single' ? [recipe.model] : members;
  const configs = new Map<string, TrainConfig>();
  for (const member of listed) {
    const config = memberConfig(recipe, member);
    const key = configKey(config);
    if (!configs.has(key)) configs.set(key, config);
  }
  const name = mode === 'single' ? modelName(recipe.model) : (experimentPresetById(mode)?.label ?? 'My list');
  return { name, configs: [...configs.values()] };
}
