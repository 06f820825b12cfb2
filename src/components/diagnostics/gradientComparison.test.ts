import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../config';
import { gradientComparison } from './gradientComparison';

function run(name: string, blockType: 'plain' | 'residual', depth: number, shortcut: 'A' | 'B' = 'A') {
  const model: ModelConfig = { depth, blockType, shortcut, block: 'basic', width: 16 };
  return { name, model };
}

describe('the gradient heatmap’s comparison', () => {
  it('names the 8-layer runs it shows, not 56-layer ones', () => {
    const text = gradientComparison([run('plain-8', 'plain', 8), run('ResNet-8', 'residual', 8)]);
    expect(text).toBe('plain-8’s first rows to ResNet-8’s');
    expect(text).not.toContain('56');
  });

  it('picks the deepest plain/residual pair of the same depth', () => {
    const runs = [run('plain-20', 'plain', 20), run('ResNet-20', 'residual', 20), run('plain-56', 'plain', 56), run('ResNet-56', 'residual', 56)];
    expect(gradientComparison(runs)).toBe('plain-56’s first rows to ResNet-56’s');
    expect(gradientComparison([run('plain-20', 'plain', 20), run('ResNet-20', 'residual', 20), run('plain-56', 'plain', 56)])).toBe('plain-20’s first rows to ResNet-20’s');
  });

  it('names the depth of the missing twin when only one kind is shown', () => {
    expect(gradientComparison([run('plain-8', 'plain', 8)])).toBe('plain-8’s first rows to those of a ResNet of its depth (train ResNet-8 to see them)');
    expect(gradientComparison([run('ResNet-20', 'residual', 20)])).toBe('a plain net’s first rows (train plain-20 to see them) to ResNet-20’s');
    expect(gradientComparison([])).toBe('a plain net’s first rows to those of the ResNet of the same depth');
  });
});
