// WebGPU tier: the fused diagnostics kernels (gradientSumsOfSquares.ts, responseStd.ts,
// evaluationPredictions.ts) against the reference ops, on the real webgpu backend. The response std of the
// fused path comes from the BN's batch statistics (a formula), the reference path's from the BN's output
// itself: equal values check the formula too.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config';
import { crossEntropy } from '../model/loss';
import { buildNetwork } from '../model/network';
import { bothWays } from '../model/kernels/testing/compare';
import { residualConfig } from '../model/testing/configs';
import { DiagnosticsProbe } from './diagnosticsProbe';
import { EvaluationCollector } from './evaluationDiagnostics';
import { randomizeBatchNorms } from './testing/randomBatchNorm';

function sample(model: ModelConfig, batch: number) {
  const network = buildNetwork(model, 5);
  randomizeBatchNorms(network, 9);
  const probe = new DiagnosticsProbe(network);
  const x = tf.randomNormal([batch, 32, 32, 3], 0, 1, 'float32', 13) as tf.Tensor4D;
  const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => (3 * i + 1) % 10), 'int32');
  const { grads } = tf.variableGrads(() => crossEntropy(network.apply(x, 'train', probe), labels), network.parameters.map((p) => p.variable));
  probe.recordGradients(network.parameters.map((p) => grads[p.variable.name]), 1);
  probe.finishSample();
  const reading = probe.read();
  return { network, probe, reading };
}

function worstRelative(actual: number[], expected: number[]): number {
  expect(actual).toHaveLength(expected.length);
  return Math.max(...expected.map((e, i) => Math.abs(actual[i] - e) / Math.max(Math.abs(e), 1e-12)));
}

describe('diagnostics with the fused kernels (WebGPU) equal the reference ops', () => {
  const cases: [string, ModelConfig, number][] = [
    ['ResNet-8 option B, width 4, batch 3', residualConfig(8, 4, { shortcut: 'B' }), 3],
    ['plain-8, width 4, batch 2', residualConfig(8, 4, { blockType: 'plain' }), 2],
    ['bottleneck ResNet-11, width 4, batch 2', residualConfig(11, 4, { block: 'bottleneck' }), 2],
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

describe('evaluation diagnostics with the fused kernel (WebGPU) equal the reference ops', () => {
  it('confusion counts and top-3 over an evaluation of two batches (200 and 37 images)', async () => {
    const run = () => {
      const collector = new EvaluationCollector();
      for (const [size, seed] of [
        [200, 1],
        [37, 2],
      ]) {
        tf.tidy(() => {
          const logits = tf.randomNormal([size, 10], 0, 2, 'float32', seed) as tf.Tensor2D;
          const labels = tf.tensor1d(Array.from({ length: size }, (_, i) => (i * 7 + seed) % 10), 'int32');
          collector.addBatch(logits, labels);
        });
      }
      return collector;
    };
    const { fused, reference } = bothWays(run);
    const [ours, theirs] = await Promise.all([fused.read(), reference.read()]);
    expect(ours.confusion).toEqual(theirs.confusion);
    expect(ours.confusion.reduce((a, b) => a + b, 0)).toBe(237);
    expect(Array.from(ours.top3Classes)).toEqual(Array.from(theirs.top3Classes));
    const percentGap = Math.max(...Array.from(ours.top3Percent, (p, i) => Math.abs(p - theirs.top3Percent[i])));
    expect(percentGap).toBeLessThanOrEqual(1); // rounding of float32 probabilities at x.5%
    fused.dispose();
    reference.dispose();
  });
});
