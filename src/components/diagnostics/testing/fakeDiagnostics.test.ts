import { describe, expect, it } from 'vitest';
import { fakeDiagnostics, fakeParameterNames } from './fakeDiagnostics';

describe('the development fixture', () => {
  it('lays out the network as the real one names it: 6n+2 layers, Fig. 7’s depth-1 response layers', () => {
    expect(fakeParameterNames(8, 'plain').slice(0, 4)).toEqual(['stem/conv', 'stem/bn/gamma', 'stem/bn/beta', 'stage1/block0/conv1']);
    for (const depth of [8, 20, 56]) {
      const { layout } = fakeDiagnostics({ depth, blockType: 'residual', samples: 2 });
      // stem conv + bn, 2 x (conv, bn) per block, fc
      expect(layout.gradientLayers.length).toBe(2 + 2 * 2 * (depth - 2) / 2 + 1);
      expect(layout.responseLayers.length).toBe(depth - 1);
    }
    const optionB = fakeDiagnostics({ depth: 56, blockType: 'residual', shortcut: 'B', samples: 2 });
    expect(optionB.layout.gradientLayers.filter((l) => l.name.includes('/shortcut/')).length).toBe(4); // conv + bn, stages 2 and 3
    expect(optionB.layout.responseLayers.length).toBe(55);
  });

  it('gives every run the same labels and a newest confusion matrix that counts its predictions', () => {
    const plain = fakeDiagnostics({ depth: 20, blockType: 'plain' });
    const residual = fakeDiagnostics({ depth: 56, blockType: 'residual' });
    expect(plain.predictions!.labels).toEqual(residual.predictions!.labels);
    const newest = plain.evaluations[plain.evaluations.length - 1].confusion;
    expect(newest.reduce((a, b) => a + b, 0)).toBe(plain.predictions!.labels.length);
    expect(plain.predictions!.iteration).toBe(plain.evaluations[plain.evaluations.length - 1].iteration);
  });

  it('behaves as Fig. 7: residual responses below plain ones', () => {
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
    const last = (d: ReturnType<typeof fakeDiagnostics>) => d.training[d.training.length - 1].responseStds;
    expect(median(last(fakeDiagnostics({ depth: 20, blockType: 'residual' })))).toBeLessThan(median(last(fakeDiagnostics({ depth: 20, blockType: 'plain' }))));
  });
});
