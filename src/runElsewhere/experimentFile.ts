// experiment.json: what the exported PyTorch script (pytorch/residual_playground.py) trains. Every run's config
// is the full TrainConfig the app would queue for it, so the script reads the same recipe field for field; the
// seeds replace config.seed, one training per seed.
import { modelName, type TrainConfig } from '../config';
import { slug } from './slug';

export const EXPERIMENT_FILE_FORMAT = 'residual-playground-experiment';
export const EXPERIMENT_FILE_VERSION = 1;
/** Where the file sits in the exported folder, beside the script. */
export const EXPERIMENT_FILE_NAME = 'experiment.json';

export interface ExperimentFileRun {
  /** The network's name as the app shows it, e.g. "plain-20" or "ResNet-56 (option A)". */
  name: string;
  config: TrainConfig;
  /** Path, relative to the folder, of the safetensors file (src/export/weightsFile.ts) of the weights the app
   *  draws for this network with config.seed; null when the script draws its own. */
  initialWeights: string | null;
}

export interface ExperimentFile {
  format: typeof EXPERIMENT_FILE_FORMAT;
  version: typeof EXPERIMENT_FILE_VERSION;
  /** The experiment's label ("Figure 6", "My list") or the single network's name. */
  name: string;
  /** When it was exported (ISO 8601, UTC). */
  exportedAt: string;
  /** The script trains every run once with each of these seeds. */
  seeds: number[];
  runs: ExperimentFileRun[];
}

/** "weights/01-plain-20-seed-0.safetensors": numbered in the experiment's order (so a listing sorts like it),
 *  named after the network and the seed that drew the weights. */
export function initialWeightsPath(index: number, runCount: number, config: TrainConfig): string {
  const number = String(index + 1).padStart(Math.max(2, String(runCount).length), '0');
  return `weights/${number}-${slug(modelName(config.model))}-seed-${config.seed}.safetensors`;
}

export interface ExperimentFileInput {
  name: string;
  configs: readonly TrainConfig[];
  seeds: readonly number[];
  /** Indices of the configs whose initial weights go into the folder. */
  withWeights: ReadonlySet<number>;
  now: Date;
}

export function experimentFile({ name, configs, seeds, withWeights, now }: ExperimentFileInput): ExperimentFile {
  return {
    format: EXPERIMENT_FILE_FORMAT,
    version: EXPERIMENT_FILE_VERSION,
    name,
    exportedAt: now.toISOString(),
    seeds: [...seeds],
    runs: configs.map((config, index) => ({
      name: modelName(config.model),
      config,
      initialWeights: withWeights.has(index) ? initialWeightsPath(index, configs.length, config) : null,
    })),
  };
}
