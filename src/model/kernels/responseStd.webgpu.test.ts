// WebGPU tier: a training step's diagnostics (src/engine/diagnosticsProbe.ts) with the fused kernels
// (responseStd.ts, gradientSumsOfSquares.ts) against the reference ops, on the real webgpu backend, in whole
// networks. The fused response std comes from the BN's batch statistics (a formula), the reference one from the
// BN's output itself: equal values check the formula.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../config';
import { crossEntropy } from '../loss';
import { buildNetwork } from '../network';
import { bothWays } from './testing/compare';
import { residualConfig } from '../testing/configs';
import { DiagnosticsProbe } from '../../engine/diagnosticsProbe';
import { randomizeBatchNorms } from '../../engine/testing/randomBatchNorm';

function sample(model: ModelConfig, batch: number) {
  const network = buildNetwork(model, 5);
  randomizeBatchNorms(network, 9);
  const probe = new DiagnosticsProbe(network);
  const x = tf.randomNormal([batch, 32, 32, 3], 0, 1, 'float32', 13) as tf.Tensor4D;
  const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => (3 * i + 1) % 10), 'int32');
  const { grads } = tf.variableGrads(() => crossEntropy(network.apply(x, 'train', probe), labels), network.parameters.map((p) => p.variable));
  probe.recordGradients(network.parameters.map((p) => grads[p.variable.name]));
  const reading = probe.read();
  return { network, probe, reading };
}

function worstRelative(actual: number[], expected: number[]): number {
  expect(actual).toHaveLength(expected.length);
  return Math.max(...expected.map((e, i) => Math.abs(actual[i] - e) / Math.max(Math.abs(e), 1e-12)));
}

// Bottleneck networks (1x1 layers among Fig. 7's) are checked against PyTorch with these kernels on in
// tests/reference/pytorch.webgpu.test.ts.
describe('diagnostics with the fused kernels (WebGPU) equal the reference ops', () => {
  const cases: [string, ModelConfig, number][] = [
    ['ResNet-8 option B, width 4, batch 3', residualConfig(8, 4, { shortcut: 'B' }), 3],
    ['plain-8, width 4, batch 2', residualConfig(8, 4, { blockType: 'plain' }), 2],
  ];
  for (const [name, model, batch] of cases) {
    it(name, async () => {
      const { fused, reference } = bothWays(() => sample(model, batch));
      const [ours, theirs] = await Promise.all([fused.reading, reference.reading]);
      const norms = worstRelative(ours.gradientNorms, theirs.gradientNorms);
      const stds = worstRelative(ours.responseStds, theirs.responseStds);
      console.info(`${name}: largest relative differences, gradient norms ${norms.toExponential(2)}, response stds ${stds.toExponential(2)}`);
      expect(norms).toBeLessThan(1e-4);
      expect(stds).toBeLessThan(1e-4);
      for (const side of [fused, reference]) {
        side.probe.dispose();
        side.network.dispose();
      }
    });
  }
});
