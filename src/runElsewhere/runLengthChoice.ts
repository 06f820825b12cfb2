// How long the exported runs train. Running elsewhere is mostly for the paper's full length (§4.2: 64,000
// iterations on all 50,000 training images, tested on all 10,000), which a browser rarely affords; the form's
// own length (a few epochs, a subset) stays one click away, for a quick check of the script on a new machine.
import type { TrainConfig } from '../config';

export type RunLengthChoice = 'paper' | 'form';

/** The configs with the paper's length and data: schedule 'paper', no training or test subset. Everything else
 *  (networks, width, batch, lr, seed, split, warm-up, evaluations per epoch) stays as the form has it. */
export function withPaperLength(configs: readonly TrainConfig[]): TrainConfig[] {
  return configs.map((config) => ({ ...config, schedule: 'paper', trainSubset: null, testSubset: null }));
}

/** True when the form already asks for the paper's length on all the data: then there is nothing to choose. */
export function formIsPaperLength(configs: readonly TrainConfig[]): boolean {
  return configs.every((config) => config.schedule === 'paper' && config.trainSubset === null && config.testSubset === null);
}

export function configsForChoice(configs: readonly TrainConfig[], choice: RunLengthChoice): TrainConfig[] {
  return choice === 'paper' ? withPaperLength(configs) : [...configs];
}
