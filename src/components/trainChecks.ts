// Whether the runs the main button would queue take hours on this device, checked when it is pressed (from the
// state at the press, not subscribed to: the button needs the answer only then).
import type { TrainConfig } from '../config';
import type { AppState } from '../state/appState';
import { LONG_RUN_SECONDS, runsDuration, shorterRecipe, type ShorterRecipe } from './longRunWarning';

export interface LongRun {
  /** Expected seconds of all the runs on this device. */
  seconds: number;
  /** Networks whose speed was estimated from another network's measurement. */
  estimatedFrom: string[];
  shorter: ShorterRecipe | null;
}

/** The runs would take longer than LONG_RUN_SECONDS by the speeds measured here; null when not, or not known. */
export function longRun(state: Pick<AppState, 'backend' | 'data' | 'speeds'>, configs: readonly TrainConfig[]): LongRun | null {
  const { backend, data, speeds } = state;
  if (!backend || data.state !== 'ready') return null;
  const of = (list: readonly TrainConfig[]) => runsDuration(list, backend.name, speeds, data.trainImages, data.testImages);
  const total = of(configs);
  if (!total || total.seconds <= LONG_RUN_SECONDS) return null;
  return { ...total, shorter: shorterRecipe(configs, total.seconds, (list) => of(list)?.seconds ?? null) };
}
