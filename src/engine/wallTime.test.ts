import { describe, expect, it } from 'vitest';
import { presetById } from '../config';
import { expectedSeconds } from './wallTime';

const speed = { msPerStep: 100, msPerEvalImage: 0.5 };

describe('expected wall time', () => {
  it('adds 64,000 steps and 165 evaluations of 10,000 test images for the paper run', () => {
    // 64,000 x 100 ms = 6,400 s; (164 epoch ends + the last iteration) x 10,000 x 0.5 ms = 825 s.
    expect(expectedSeconds(presetById('paper').config, 50_000, 10_000, speed)).toBeCloseTo(7_225, 9);
  });

  it('counts 183 evaluations of 5,000 validation images with the 45k/5k split', () => {
    // 351 steps per epoch: 64,000 / 351 = 182.3 epochs, so 182 epoch ends + the last iteration.
    // 6,400 s + 183 x 5,000 x 0.5 ms = 6,400 + 457.5 s.
    expect(expectedSeconds({ ...presetById('paper').config, validationSplit: true }, 50_000, 10_000, speed)).toBeCloseTo(6_857.5, 9);
  });

  it('uses the quick schedule\'s epochs, subsets and evaluations per epoch', () => {
    // Quick look: 10,000 images at batch 128 = 78 steps, 4 evaluations of 2,000 test images.
    // 78 x 50 ms + 4 x 2,000 x 0.25 ms = 3.9 s + 2 s.
    expect(expectedSeconds(presetById('quick-look').config, 50_000, 10_000, { msPerStep: 50, msPerEvalImage: 0.25 })).toBeCloseTo(5.9, 9);
  });
});
