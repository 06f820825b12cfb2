import { describe, expect, it } from 'vitest';
import { imagesInCell, layerNorms, perClassAccuracy, planDiagnostics, type Predictions } from './diagnostics';

const RESNET8_B = [
  'stem/conv', 'stem/bn/gamma', 'stem/bn/beta',
  'stage1/block0/conv1', 'stage1/block0/bn1/gamma', 'stage1/block0/bn1/beta',
  'stage1/block0/conv2', 'stage1/block0/bn2/gamma', 'stage1/block0/bn2/beta',
  'stage2/block0/conv1', 'stage2/block0/bn1/gamma', 'stage2/block0/bn1/beta',
  'stage2/block0/conv2', 'stage2/block0/bn2/gamma', 'stage2/block0/bn2/beta',
  'stage2/block0/shortcut/conv', 'stage2/block0/shortcut/bn/gamma', 'stage2/block0/shortcut/bn/beta',
  'fc/kernel', 'fc/bias',
];

describe('planDiagnostics', () => {
  const plan = planDiagnostics(RESNET8_B, (conv) => (conv.includes('shortcut') ? 1 : 3));

  it('makes a row per conv, per BN (gamma and beta together) and one for the FC, in network order', () => {
    expect(plan.layout.gradientLayers.map((l) => `${l.kind} ${l.name} ${l.stage}`)).toEqual([
      'conv stem/conv 0', 'bn stem/bn 0',
      'conv stage1/block0/conv1 1', 'bn stage1/block0/bn1 1', 'conv stage1/block0/conv2 1', 'bn stage1/block0/bn2 1',
      'conv stage2/block0/conv1 2', 'bn stage2/block0/bn1 2', 'conv stage2/block0/conv2 2', 'bn stage2/block0/bn2 2',
      'conv stage2/block0/shortcut/conv 2', 'bn stage2/block0/shortcut/bn 2',
      'fc fc 4',
    ]);
    expect(plan.gradientLayerOfParameter).toEqual([0, 1, 1, 2, 3, 3, 4, 5, 5, 6, 7, 7, 8, 9, 9, 10, 11, 11, 12, 12]);
  });

  it("takes Fig. 7's layers from the main path only, with their kernel sizes", () => {
    expect(plan.layout.responseLayers).toEqual([
      { name: 'stem/bn', stage: 0, kernelSize: 3 },
      { name: 'stage1/block0/bn1', stage: 1, kernelSize: 3 },
      { name: 'stage1/block0/bn2', stage: 1, kernelSize: 3 },
      { name: 'stage2/block0/bn1', stage: 2, kernelSize: 3 },
      { name: 'stage2/block0/bn2', stage: 2, kernelSize: 3 },
    ]);
  });

  it('adds the sums of squares of a row before the square root', () => {
    const sums = RESNET8_B.map((_, i) => i); // parameter i contributes i
    const norms = layerNorms(sums, plan);
    expect(norms[0]).toBe(0);
    expect(norms[1]).toBeCloseTo(Math.sqrt(1 + 2));
    expect(norms[12]).toBeCloseTo(Math.sqrt(18 + 19));
  });
});

describe('per-class results', () => {
  it('gives each true class the share of its images predicted right, null without images', () => {
    const confusion = new Array(100).fill(0);
    confusion[0] = 3; // airplane right
    confusion[1] = 1; // airplane as automobile
    confusion[5 * 10 + 3] = 2; // dogs as cats
    const accuracy = perClassAccuracy(confusion);
    expect(accuracy[0]).toBe(75);
    expect(accuracy[5]).toBe(0);
    expect(accuracy[1]).toBeNull();
  });

  it('finds the images of a confusion cell by their top-1 prediction and true class', () => {
    const predictions: Predictions = {
      iteration: 10,
      evaluatedOn: 'test',
      top3Classes: Uint8Array.from([5, 3, 1, 3, 5, 0, 5, 2, 3, 5, 3, 4]),
      top3Percent: Uint8Array.from([60, 30, 5, 70, 20, 5, 50, 30, 10, 40, 35, 5]),
      labels: Uint8Array.from([3, 3, 3, 5]),
    };
    expect(imagesInCell(predictions, 3, 5)).toEqual([0, 2]);
    expect(imagesInCell(predictions, 3, 3)).toEqual([1]);
    expect(imagesInCell(predictions, 5, 5)).toEqual([3]);
    expect(imagesInCell(predictions, 0, 0)).toEqual([]);
  });
});
