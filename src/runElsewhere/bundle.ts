// The "Run elsewhere…" download: one folder, zipped, that trains the app's experiment with PyTorch:
//   residual-playground-figure-6/
//     README.md               what it trains and how to run it, then the script's documentation
//     experiment.json         the networks, their full configs and the seeds (experimentFile.ts)
//     residual_playground.py  requirements.txt  slurm.sh   (pytorch/, byte for byte)
//     weights/01-plain-20-seed-0.safetensors ...           (only when the app's initial weights are included)
import type { TrainConfig } from '../config';
import { prettyJson } from '../export/prettyJson';
import { writeZip, type ZipEntry } from '../export/zip';
import { EXPERIMENT_FILE_NAME, experimentFile } from './experimentFile';
import { readmeHeader } from './readmeHeader';
import { README_BODY, SCRIPT_FILES } from './scriptFiles';
import { slug } from './slug';

export interface RunElsewhereInput {
  /** The experiment's label, or the single network's name. */
  name: string;
  /** The runs, each as the app would queue it (memberConfig), all with the same recipe. */
  configs: readonly TrainConfig[];
  seeds: readonly number[];
  /** Initial weights (safetensors) by index into configs, drawn by the app with each config's seed. */
  weights?: ReadonlyMap<number, Uint8Array>;
  now: Date;
}

export interface RunElsewhereZip {
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** "residual-playground-figure-6": the folder inside the zip, and the zip's name without ".zip". */
export function folderName(name: string): string {
  return `residual-playground-${slug(name)}`;
}

export function buildRunElsewhereZip({ name, configs, seeds, weights = new Map(), now }: RunElsewhereInput): RunElsewhereZip {
  if (configs.length === 0) throw new RangeError('There is no network to export: add one to the experiment.');
  if (seeds.length === 0) throw new RangeError('There is no seed to train with: give at least one.');
  for (const index of weights.keys()) {
    if (!configs[index]) throw new RangeError(`Initial weights were given for run ${index + 1}, but there are ${configs.length} runs.`);
  }
  const experiment = experimentFile({ name, configs, seeds, withWeights: new Set(weights.keys()), now });
  const weightsSeed = weights.size > 0 ? configs[0].seed : null;
  const folder = folderName(name);
  const text = (value: string) => new TextEncoder().encode(value);
  const entries: ZipEntry[] = [
    { path: 'README.md', bytes: text(readmeHeader({ name, configs, seeds, weightsSeed }) + README_BODY) },
    { path: EXPERIMENT_FILE_NAME, bytes: text(`${prettyJson(experiment)}\n`) },
    ...SCRIPT_FILES.map((file) => ({ path: file.name, bytes: text(file.text) })),
    ...experiment.runs.flatMap((run, index) => (run.initialWeights ? [{ path: run.initialWeights, bytes: weights.get(index)! }] : [])),
  ];
  const bytes = writeZip(
    entries.map((entry) => ({ ...entry, path: `${folder}/${entry.path}` })),
    now,
  );
  return { fileName: `${folder}.zip`, bytes };
}
