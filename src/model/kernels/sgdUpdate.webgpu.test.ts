// WebGPU tier: the fused in-place SGD update against the reference ops (src/engine/sgd.ts's tfjs path).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { SgdMomentum } from '../../engine/sgd';
import { bothWays, relativeError } from './testing/compare';

function twoSteps(learningRates: number[]) {
  // Three tensors (an odd count: the last dispatch updates one), decayed and not, sizes below and above 256.
  const shapes = [[3, 3, 4, 5], [7], [300, 2]];
  const parameters = shapes.map((shape, i) => ({
    name: `p${i}`,
    // Seeds from 1: tfjs treats seed 0 as "no seed".
    variable: tf.variable(tf.randomNormal(shape, 0, 1, 'float32', i + 1)),
    decay: i !== 1,
  }));
  const optimizer = new SgdMomentum(parameters, 0.9, 1e-4);
  for (const [step, lr] of learningRates.entries()) {
    const grads = Object.fromEntries(parameters.map((p, i) => [p.variable.name, tf.randomNormal(p.variable.shape, 0, 1, 'float32', 100 * step + i + 1)]));
    tf.tidy(() => optimizer.step(grads, lr));
    tf.dispose(Object.values(grads));
  }
  return { parameters: parameters.map((p) => p.variable), optimizer };
}

describe('fused SGD momentum update (WebGPU)', () => {
  it('equals the reference ops after three steps with an lr drop, decay on and off', async () => {
    const { fused, reference } = bothWays(() => twoSteps([0.1, 0.1, 0.01]));
    for (let i = 0; i < 3; i++) {
      expect(await relativeError(fused.parameters[i], reference.parameters[i]), `tensor ${i}`).toBeLessThan(1e-6);
    }
    fused.optimizer.dispose();
    reference.optimizer.dispose();
  });

  it('reads back the updated values after an earlier read cached them on the CPU', async () => {
    const { fused } = bothWays(() => twoSteps([0.1]));
    const before = Array.from(await fused.parameters[1].data());
    const grads = { [fused.parameters[1].name]: tf.ones([7]), [fused.parameters[0].name]: tf.zerosLike(fused.parameters[0]), [fused.parameters[2].name]: tf.zerosLike(fused.parameters[2]) };
    fused.optimizer.step(grads, 0.5);
    const after = Array.from(await fused.parameters[1].data());
    expect(after.every((v, i) => v < before[i])).toBe(true);
  });
});
