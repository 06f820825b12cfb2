import { describe, expect, it } from 'vitest';
import { presetById } from '../config';
import { nodeFs } from '../data/testing/nodeApis';
import { readZip } from '../export/testing/zipReader';
import { presetMembers } from '../experiment/experimentPresets';
import { memberConfig } from '../experiment/planExperiment';
import { buildRunElsewhereZip, folderName } from './bundle';
import type { ExperimentFile } from './experimentFile';

const recipe = presetById('short').config;
const figure6 = presetMembers('figure6').map((member) => memberConfig(recipe, member));
const now = new Date(2026, 11, 2, 13, 45, 0);

/** A file of pytorch/, as it is on disk. */
async function pytorchFile(name: string): Promise<Uint8Array> {
  const fs = await nodeFs();
  return new Uint8Array(fs.readFileSync(decodeURIComponent(new URL(`../../pytorch/${name}`, import.meta.url).pathname))); // not a Buffer
}

function unzipped(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(readZip(bytes).map((entry) => [entry.path, entry.bytes]));
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('buildRunElsewhereZip', () => {
  it('zips one folder named after the experiment, holding the script, its companions, the README and experiment.json', async () => {
    const { fileName, bytes } = buildRunElsewhereZip({ name: 'Figure 6', configs: figure6, seeds: [0, 1, 2, 3, 4], now });
    expect(fileName).toBe('residual-playground-figure-6.zip');
    const files = unzipped(bytes);
    const folder = 'residual-playground-figure-6/';
    expect([...files.keys()].sort()).toEqual(
      ['README.md', 'experiment.json', 'requirements.txt', 'residual_playground.py', 'slurm.sh'].map((name) => folder + name).sort(),
    );
    // The script and the static files, byte for byte.
    for (const name of ['residual_playground.py', 'requirements.txt', 'slurm.sh']) expect(files.get(folder + name)).toEqual(await pytorchFile(name));
    // README = the generated header, then the static README as it is.
    const readme = text(files.get(`${folder}README.md`));
    expect(readme).toMatch(/^# Figure 6: run it with PyTorch\n/);
    expect(readme.endsWith(text(await pytorchFile('README.md')))).toBe(true);
    const experiment = JSON.parse(text(files.get(`${folder}experiment.json`))) as ExperimentFile;
    expect(experiment).toMatchObject({ format: 'residual-playground-experiment', version: 1, name: 'Figure 6', seeds: [0, 1, 2, 3, 4] });
    expect(experiment.runs.map((run) => run.config)).toEqual(figure6);
    expect(experiment.runs.every((run) => run.initialWeights === null)).toBe(true);
  });

  it('adds the initial weights given, where experiment.json says they are', () => {
    const weights = new Map([
      [0, Uint8Array.of(1, 2, 3)],
      [2, Uint8Array.of(4, 5)],
    ]);
    const { bytes } = buildRunElsewhereZip({ name: 'Figure 6', configs: figure6, seeds: [0], weights, now });
    const files = unzipped(bytes);
    const folder = 'residual-playground-figure-6/';
    const experiment = JSON.parse(text(files.get(`${folder}experiment.json`))) as ExperimentFile;
    expect(experiment.runs.map((run) => run.initialWeights)).toEqual([
      'weights/01-plain-20-seed-0.safetensors',
      null,
      'weights/03-resnet-20-option-a-seed-0.safetensors',
      null,
    ]);
    expect(files.get(`${folder}weights/01-plain-20-seed-0.safetensors`)).toEqual(Uint8Array.of(1, 2, 3));
    expect(files.get(`${folder}weights/03-resnet-20-option-a-seed-0.safetensors`)).toEqual(Uint8Array.of(4, 5));
    expect([...files.keys()].filter((path) => path.includes('/weights/'))).toHaveLength(2);
    expect(text(files.get(`${folder}README.md`))).toContain('seed 0 starts from the app’s own');
  });

  it("names a single network's folder after it, and refuses an empty experiment or seed list", () => {
    expect(folderName('ResNet-110 (option A)')).toBe('residual-playground-resnet-110-option-a');
    expect(() => buildRunElsewhereZip({ name: 'My list', configs: [], seeds: [0], now })).toThrow(/no network/);
    expect(() => buildRunElsewhereZip({ name: 'My list', configs: figure6, seeds: [], now })).toThrow(/no seed/);
    expect(() => buildRunElsewhereZip({ name: 'My list', configs: figure6, seeds: [0], weights: new Map([[4, Uint8Array.of(1)]]), now })).toThrow(/run 5/);
  });
});
