// Unit tier (tfjs CPU backend, reference ops): the diagnostics of one training step against values computed
// here by hand, in plain JavaScript loops, from the step's own tensors.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { crossEntropy } from '../model/loss';
import { buildNetwork, type Network } from '../model/network';
import type { ResponseRecorder } from '../model/responseRecorder';
import { residualConfig } from '../model/testing/configs';
import { DiagnosticsProbe } from './diagnosticsProbe';
import { randomizeBatchNorms } from './testing/randomBatchNorm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Population std of all values, by hand. */
function stdOf(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return Math.sqrt(squares / values.length);
}

/** Keeps a copy of each response layer's output (the reference path hands over the BN output itself). */
class CopyingRecorder implements ResponseRecorder {
  readonly outputs: Float32Array[] = [];
  constructor(private readonly inner: ResponseRecorder) {}
  statistics(): void {
    throw new Error('the CPU backend runs the reference ops');
  }
  response(layer: number, output: tf.Tensor4D): void {
    this.outputs[layer] = output.dataSync() as Float32Array;
    this.inner.response(layer, output);
  }
}

async function sampleOneStep(network: Network) {
  const probe = new DiagnosticsProbe(network);
  const recorder = new CopyingRecorder(probe);
  const x = tf.randomNormal([2, 32, 32, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
  const labels = tf.tensor1d([3, 8], 'int32');
  const { grads, value } = tf.variableGrads(() => crossEntropy(network.apply(x, 'train', recorder as unknown as DiagnosticsProbe), labels), network.parameters.map((p) => p.variable));
  const ordered = network.parameters.map((p) => grads[p.variable.name]);
  probe.recordGradients(ordered);
  const reading = await probe.read();
  const gradientValues = ordered.map((g) => g.dataSync());
  tf.dispose([x, labels, value, ...ordered]);
  probe.dispose();
  return { reading, outputs: recorder.outputs, gradientValues, plan: probe.plan };
}

describe('DiagnosticsProbe (reference ops)', () => {
  it("measures each main-path BN's output std before the ReLU and the addition, and each layer's gradient norm", async () => {
    const network = buildNetwork(residualConfig(8, 4, { shortcut: 'B' }), 3);
    randomizeBatchNorms(network, 11);
    const { reading, outputs, gradientValues, plan } = await sampleOneStep(network);

    // Fig. 7: 7 layers (stem + 2 per block x 3 blocks); option B's two projections are not among them.
    expect(plan.layout.responseLayers.map((l) => l.name)).toEqual([
      'stem/bn',
      'stage1/block0/bn1',
      'stage1/block0/bn2',
      'stage2/block0/bn1',
      'stage2/block0/bn2',
      'stage3/block0/bn1',
      'stage3/block0/bn2',
    ]);
    expect(outputs).toHaveLength(7);
    outputs.forEach((values, layer) => expect(reading.responseStds[layer]).toBeCloseTo(stdOf(values), 5));
    // Random gammas make the stds differ from 1 (at initialisation they are all ~1).
    expect(Math.max(...reading.responseStds.map((s) => Math.abs(s - 1)))).toBeGreaterThan(0.1);

    // Gradient rows: a conv alone; a BN's gamma and beta together; the FC's kernel and bias together.
    const byName = Object.fromEntries(network.parameters.map((p, i) => [p.name, gradientValues[i]]));
    const norm = (...names: string[]) => Math.sqrt(names.reduce((sum, n) => sum + Array.from(byName[n]).reduce((s, v) => s + v * v, 0), 0));
    const rows = plan.layout.gradientLayers.map((l) => l.name);
    const expected: Record<string, number> = {
      'stem/conv': norm('stem/conv'),
      'stem/bn': norm('stem/bn/gamma', 'stem/bn/beta'),
      'stage2/block0/shortcut/conv': norm('stage2/block0/shortcut/conv'),
      'stage2/block0/shortcut/bn': norm('stage2/block0/shortcut/bn/gamma', 'stage2/block0/shortcut/bn/beta'),
      fc: norm('fc/kernel', 'fc/bias'),
    };
    for (const [name, value] of Object.entries(expected)) {
      expect(reading.gradientNorms[rows.indexOf(name)], name).toBeCloseTo(value, 6);
      expect(value).toBeGreaterThan(0);
    }
    expect(reading.gradientNorms).toHaveLength(rows.length);
    network.dispose();
  });

  it('leaves no tensor behind, sample after sample', async () => {
    const network = buildNetwork(residualConfig(8, 2), 1);
    const before = tf.memory().numTensors;
    await sampleOneStep(network);
    await sampleOneStep(network);
    expect(tf.memory().numTensors).toBe(before);
    network.dispose();
  });
});
