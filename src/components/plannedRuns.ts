// The runs the main button would queue, when App does not pass its plan: the listed configurations less those
// already waiting, training or finished here on this backend (planExperiment's identity rule, repeatOf).
import type { TrainConfig } from '../config';
import { configKey, repeatOf } from '../experiment/planExperiment';
import type { BackendName } from '../protocol';
import type { Run } from '../state/appState';

export function plannedFromExported(listed: readonly TrainConfig[], runs: readonly Run[], backend: BackendName | null): TrainConfig[] {
  const keyed = runs.map((run) => ({ run, key: configKey(run.config) }));
  return listed.filter((config) => {
    const key = configKey(config);
    return !keyed.some((entry) => repeatOf(entry.run, entry.key, key, backend) !== null);
  });
}
