// WebGPU tier: whole networks with every fused kernel on (batch norm + epilogue, pooling, loss) against the
// same networks on the reference tfjs ops, on the real webgpu backend: logits in training and evaluation mode,
// the loss, every parameter's gradient and the BN running statistics. Odd shapes: batch 1 and 3, width 4,
// stride-2 stages, option A and B, plain and bottleneck.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../config';
import { crossEntropy } from '../loss';
import { buildNetwork } from '../network';
import { bothWays, relativeError } from './testing/compare';

const cases: { name: string; model: ModelConfig; batch: number }[] = [
  { name: 'ResNet-8 option A, width 4, batch 3', model: { depth: 8, blockType: 'residual', shortcut: 'A', block: 'basic', width: 4 }, batch: 3 },
  { name: 'ResNet-8 option B, width 4, batch 1', model: { depth: 8, blockType: 'residual', shortcut: 'B', block: 'basic', width: 4 }, batch: 1 },
  { name: 'plain-8, width 4, batch 2', model: { depth: 8, blockType: 'plain', shortcut: 'A', block: 'basic', width: 4 }, batch: 2 },
  { name: 'bottleneck ResNet-11 option A, width 4, batch 2', model: { depth: 11, blockType: 'residual', shortcut: 'A', block: 'bottleneck', width: 4 }, batch: 2 },
];

function run(model: ModelConfig, batch: number) {
  const network = buildNetwork(model, 5);
  const x = tf.randomNormal([batch, 32, 32, 3], 0, 50, 'float32', 11) as tf.Tensor4D;
  const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => (7 * i + 3) % 10), 'int32');
  const variables = network.parameters.map((p) => p.variable);
  const trainLogits = network.apply(x, 'train');
  const { value, grads } = tf.variableGrads(() => crossEntropy(network.apply(x, 'train'), labels), variables);
  const evalLogits = network.apply(x, 'eval');
  return { network, trainLogits, evalLogits, loss: value, grads: network.parameters.map((p) => grads[p.variable.name]) };
}

describe('networks with every fused kernel (WebGPU) equal the reference ops', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const { fused, reference } = bothWays(() => run(c.model, c.batch));
      const worst: Record<string, number> = {};
      worst.trainLogits = await relativeError(fused.trainLogits, reference.trainLogits);
      worst.evalLogits = await relativeError(fused.evalLogits, reference.evalLogits);
      worst.loss = await relativeError(fused.loss, reference.loss);
      let gradient = 0;
      for (let i = 0; i < fused.grads.length; i++) {
        const error = await relativeError(fused.grads[i], reference.grads[i]);
        expect(error, `gradient of ${fused.network.parameters[i].name}`).toBeLessThan(1e-4);
        gradient = Math.max(gradient, error);
      }
      worst.gradients = gradient;
      let statistics = 0;
      for (let i = 0; i < fused.network.bnStatistics.length; i++) {
        statistics = Math.max(statistics, await relativeError(fused.network.bnStatistics[i], reference.network.bnStatistics[i]));
      }
      worst.runningStatistics = statistics;
      console.info(`${c.name}: largest relative differences ${JSON.stringify(worst)}`);
      for (const [what, error] of Object.entries(worst)) expect(error, what).toBeLessThan(1e-4);
      fused.network.dispose();
      reference.network.dispose();
    });
  }
});
