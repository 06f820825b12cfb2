// WebGPU tier: timing each kernel class's candidates (autotune.ts) at the shapes a network's step uses: every
// candidate that handles a shape is timed (by timestamp queries: Dawn's SwiftShader offers them) and the fastest
// kept; past the budget the defaults stay; a shape with one candidate is not timed unless asked.
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { crossEntropy } from '../loss';
import { buildNetwork } from '../network';
import { residualConfig } from '../testing/configs';
import { autotune, candidatesFor, collectKernelUses } from './autotune';
import { choiceKey, setChosenImplementations } from './kernelChoice';

function usesOfOneStep() {
  const network = buildNetwork(residualConfig(8, 4), 1);
  const x = tf.randomNormal([2, 32, 32, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
  const labels = tf.tensor1d([1, 2], 'int32');
  const uses = collectKernelUses(() => tf.tidy(() => void tf.variableGrads(() => crossEntropy(network.apply(x, 'train'), labels))));
  network.dispose();
  tf.dispose([x, labels]);
  return uses;
}

afterEach(() => setChosenImplementations({}));

describe('autotune (WebGPU)', () => {
  it('collects every kernel class of a training step with how often each shape runs', () => {
    const uses = usesOfOneStep();
    const classes = new Set(uses.map((u) => u.kernelClass));
    expect([...classes].sort()).toEqual(['batchNormBackward', 'batchNormForward', 'convFilterGradient', 'convForward', 'convInputGradient']);
    // ResNet-8: 7 convolutions forward (stem + 3 blocks x 2), each with its batch norm.
    expect(uses.filter((u) => u.kernelClass === 'convForward').reduce((n, u) => n + u.count, 0)).toBe(7);
    expect(uses.filter((u) => u.kernelClass === 'batchNormForward').reduce((n, u) => n + u.count, 0)).toBe(7);
  });

  it('times every candidate of each shape and keeps the fastest', async () => {
    const uses = usesOfOneStep().filter((u) => u.kernelClass === 'batchNormForward' || u.kernelClass === 'convForward').slice(0, 3);
    const result = await autotune(uses, { budgetMs: 60_000 });
    expect(result.timing).toBe('timestamp-query');
    expect(result.timings).toHaveLength(3);
    for (const t of result.timings) {
      const use = uses.find((u) => u.shapeKey === t.shapeKey && u.kernelClass === t.kernelClass)!;
      expect(t.candidates.map((c) => c.name)).toEqual(candidatesFor(use).map((c) => c.name));
      if (t.candidates.length < 2) continue;
      for (const c of t.candidates) expect(c.ms, `${t.kernelClass} ${c.name}`).toBeGreaterThan(0);
      const fastest = t.candidates.reduce((a, b) => (b.ms! < a.ms! ? b : a));
      expect(t.chosen).toBe(fastest.name);
      expect(result.choices[choiceKey(t.kernelClass, t.shapeKey)]).toBe(fastest.name);
    }
    console.info(result.timings.map((t) => `${t.kernelClass} ${t.shapeKey}: ${t.candidates.map((c) => `${c.name} ${c.ms?.toFixed(2)} ms`).join(', ')}`).join('\n'));
  });

  it('past the budget the defaults are kept, and say why', async () => {
    const uses = usesOfOneStep().slice(0, 2);
    const result = await autotune(uses, { budgetMs: -1 });
    expect(result.choices).toEqual({});
    for (const t of result.timings) {
      expect(t.chosen).toBe(candidatesFor(uses.find((u) => u.shapeKey === t.shapeKey && u.kernelClass === t.kernelClass)!)[0].name);
      expect(t.candidates.every((c) => c.ms === null && /budget|only candidate/.test(c.why ?? ''))).toBe(true);
    }
  });
});
