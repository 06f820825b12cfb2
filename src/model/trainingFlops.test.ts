import { describe, expect, it } from 'vitest';
import { forwardMultiplyAdds, trainingFlopsPerImage } from './trainingFlops';
import { residualConfig } from './testing/configs';

describe('training FLOPs per image', () => {
  it('ResNet-20: 40.55 M multiply-adds forward (the figure quoted for it), about 243 MFLOP to train', () => {
    // stem 0.44 M + stage 1: 6 convs of 32x32x9x16x16 (14.16 M) + stage 2: 16x16x9 x (16x32 + 5 x 32x32) (13.57 M)
    // + stage 3: 8x8x9 x (32x64 + 5 x 64x64) (13.01 M) + fc 640.
    expect(forwardMultiplyAdds(residualConfig(20, 16))).toBe(442_368 + 14_155_776 + 12_976_128 + 12_976_128 + 640);
    expect(trainingFlopsPerImage(residualConfig(20, 16)) / 1e6).toBeCloseTo(243.3, 0);
  });

  it('plain and option-A residual nets cost the same; option B adds its projections; depth adds 6 layers per n', () => {
    const resnet = forwardMultiplyAdds(residualConfig(56, 16));
    expect(forwardMultiplyAdds(residualConfig(56, 16, { blockType: 'plain' }))).toBe(resnet);
    // Two projections: 16x16 map, 16 -> 32 and 8x8, 32 -> 64.
    expect(forwardMultiplyAdds(residualConfig(56, 16, { shortcut: 'B' })) - resnet).toBe(16 * 16 * 16 * 32 + 8 * 8 * 32 * 64);
    const perBlockOfEachStage = 2 * (32 * 32 * 9 * 16 * 16 + 16 * 16 * 9 * 32 * 32 + 8 * 8 * 9 * 64 * 64);
    expect(resnet - forwardMultiplyAdds(residualConfig(50, 16))).toBe(perBlockOfEachStage);
  });
});
