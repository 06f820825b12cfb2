// The PyTorch script that "Run elsewhere…" exports (pytorch/residual_playground.py) trains the app's networks:
// its own network builder, the app's initial weights loaded by its own loader (from the weights file the app
// exports), its own training step and optimizer, on the same batch as the app (tfjs, CPU backend here). Logits,
// loss, every gradient, the BN running statistics, eval-mode logits and two momentum-SGD steps must agree to
// 1e-4 (the reference tier's bound, referenceTier.ts). And its networks have the paper's parameter counts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../src/config';
import { initialWeightsFile } from '../../src/engine/initialWeights';
import { expectedTrainableParameters } from '../../src/model/parameterCount';
import { residualConfig } from '../../src/model/testing/configs';
import { relativeDifference, worstOf, worstUpdate } from './compare';
import type { NamedTensors, TensorJson } from './referenceData';
import { runTfjsCase } from './tfjsCase';
import { requireTorch, SYSTEM_PYTHON } from './torchReference';

const SCRIPT = fileURLToPath(new URL('../../pytorch/residual_playground.py', import.meta.url));
const DRIVER = fileURLToPath(new URL('./exported_script_step.py', import.meta.url));
const BOUND = 1e-4;
const SEED = 2015;
const BATCH = 8;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface ScriptSteps {
  metadata: Record<string, string>;
  initialParameters: NamedTensors;
  initialStatistics: NamedTensors;
  trainLogits: TensorJson;
  loss: number;
  gradients: NamedTensors;
  statisticsAfterStep1: NamedTensors;
  parametersAfterStep1: NamedTensors;
  evalLogitsAfterStep1: TensorJson;
  loss2: number;
  gradientsStep2: NamedTensors;
  parametersAfterStep2: NamedTensors;
  statisticsAfterStep2: NamedTensors;
  torchVersion: string;
}

/** Runs the driver on `spec` (plus files written into the same temp folder) and returns its JSON. */
function runDriver<T>(spec: object, files: Record<string, Uint8Array> = {}): T {
  const directory = mkdtempSync(join(tmpdir(), 'exported-script-'));
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(directory, name), bytes);
    const withPaths = JSON.parse(JSON.stringify(spec).replaceAll('$DIR', directory)) as object;
    writeFileSync(join(directory, 'in.json'), JSON.stringify(withPaths));
    const run = spawnSync(SYSTEM_PYTHON, [DRIVER, SCRIPT, join(directory, 'in.json'), join(directory, 'out.json')], { encoding: 'utf8', timeout: 240_000 });
    if (run.error || run.status !== 0) throw new Error(`exported_script_step.py failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}`);
    return JSON.parse(readFileSync(join(directory, 'out.json'), 'utf8')) as T;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const micro = (extra: Partial<ModelConfig> = {}): ModelConfig => residualConfig(8, 4, extra);

const CASES: [string, ModelConfig][] = [
  ['plain-8, option A', micro({ blockType: 'plain' })],
  ['ResNet-8, option A', micro({})],
  ['ResNet-8, option B', micro({ shortcut: 'B' })],
  ['ResNet-14, option A', micro({ depth: 14 })],
  ['bottleneck ResNet-11, option B (extension)', micro({ depth: 11, block: 'bottleneck', shortcut: 'B' })],
];

describe(`the exported PyTorch script vs the app (tfjs CPU), width 4, batch ${BATCH}, seed ${SEED}`, () => {
  it.each(CASES)('%s', async (label, config) => {
    requireTorch();
    const app = await runTfjsCase(config, SEED, BATCH);
    const weights = await initialWeightsFile(config, SEED);
    const script = runDriver<ScriptSteps>(
      { mode: 'steps', model: config, weights: '$DIR/initial.safetensors', x: app.x, labels: app.labels, hyper: app.hyper },
      { 'initial.safetensors': weights },
    );
    const ours = app.tfjs;
    const initial = Object.fromEntries(app.parameters.map((p) => [p.name, p.value]));
    const rows: [string, number, boolean][] = [];
    const check = (quantity: string, difference: number, bound = BOUND) => rows.push([quantity, difference, difference <= bound]);

    // The file carried the app's weights exactly (float32 through safetensors), and said what they are.
    expect(script.metadata).toMatchObject({ format: 'residual-playground-weights', seed: String(SEED), model: JSON.stringify(config) });
    check('initial weights as loaded', worstOf(script.initialParameters, initial).difference, 0);
    check('initial BN statistics as loaded', worstOf(script.initialStatistics, app.statistics).difference, 0);
    check('logits (train mode)', relativeDifference(script.trainLogits.data, ours.trainLogits.data));
    check('loss', relativeDifference([script.loss], [ours.loss]));
    check('every gradient, step 1', worstOf(script.gradients, ours.gradients).difference);
    check('BN running statistics, step 1', worstOf(script.statisticsAfterStep1, ours.statisticsAfterStep1).difference);
    const update1 = worstUpdate({ before: initial, after: script.parametersAfterStep1 }, { before: initial, after: ours.parametersAfterStep1 }, BOUND);
    rows.push(['SGD update, step 1', update1.difference, update1.withinBounds]);
    check('logits (eval mode) after step 1', relativeDifference(script.evalLogitsAfterStep1.data, ours.evalLogitsAfterStep1!.data));
    check('loss, step 2', relativeDifference([script.loss2], [ours.loss2]));
    check('every gradient, step 2', worstOf(script.gradientsStep2, ours.gradientsStep2).difference);
    const update2 = worstUpdate(
      { before: script.parametersAfterStep1, after: script.parametersAfterStep2 },
      { before: ours.parametersAfterStep1, after: ours.parametersAfterStep2 },
      BOUND,
    );
    rows.push(['SGD update, step 2 (momentum)', update2.difference, update2.withinBounds]);
    check('BN running statistics, step 2', worstOf(script.statisticsAfterStep2, ours.statisticsAfterStep2).difference);

    console.log(
      [
        `${label}: max relative difference, exported script (PyTorch ${script.torchVersion}) vs app (tfjs); bound ${BOUND}`,
        ...rows.map(([quantity, difference, ok]) => `  ${ok ? ' ' : 'X'} ${quantity.padEnd(34)} ${difference.toExponential(2)}`),
      ].join('\n'),
    );
    expect(rows.filter(([, , ok]) => !ok)).toEqual([]);
  });

  it("builds the paper's networks with the app's trainable parameter counts (Table 6) and option B's", () => {
    requireTorch();
    const paper = (depth: number, extra: Partial<ModelConfig> = {}) => residualConfig(depth, 16, extra);
    const models = [
      paper(20),
      paper(32),
      paper(44),
      paper(56),
      paper(110),
      paper(20, { blockType: 'plain' }),
      paper(56, { blockType: 'plain' }),
      paper(20, { shortcut: 'B' }),
      paper(56, { shortcut: 'B' }),
      paper(29, { block: 'bottleneck' }),
    ];
    const { counts } = runDriver<{ counts: number[] }>({ mode: 'counts', models });
    // §4.2 / Table 6: 0.27M, 0.46M, 0.66M, 0.85M, 1.7M, exactly (PAPER.md); plain nets equal ResNets under option A.
    expect(counts.slice(0, 7)).toEqual([269_722, 464_154, 658_586, 853_018, 1_727_962, 269_722, 853_018]);
    expect(counts).toEqual(models.map(expectedTrainableParameters));
  });
});
