import { describe, expect, it } from 'vitest';
import { CIFAR_TEST_IMAGES, CIFAR_TRAIN_IMAGES, DEFAULT_CONFIG, PAPER_ITERATIONS } from '../config';
import type { MeasuredSpeed } from '../engine/wallTime';
import { figure6Configs, projectFigure6 } from './figure6Projection';

const speedByDepth: Record<number, MeasuredSpeed> = { 20: { msPerStep: 100, msPerEvalImage: 0 }, 56: { msPerStep: 300, msPerEvalImage: 0 } };

describe('Figure 6 projected on this device', () => {
  it('is unknown until all four networks have a speed', () => {
    const recipe = { ...DEFAULT_CONFIG, schedule: 'quick' as const, epochs: 2 };
    expect(projectFigure6(recipe, (c) => (c.model.depth === 20 ? speedByDepth[20] : undefined), CIFAR_TRAIN_IMAGES, CIFAR_TEST_IMAGES)).toBeNull();
  });

  it('sums the four networks at the quick length and at 64,000 iterations', () => {
    const recipe = { ...DEFAULT_CONFIG, schedule: 'quick' as const, epochs: 2, batchSize: 128 };
    expect(figure6Configs(recipe).map((c) => `${c.model.blockType}-${c.model.depth}`)).toEqual(['plain-20', 'plain-56', 'residual-20', 'residual-56']);
    const projection = projectFigure6(recipe, (c) => speedByDepth[c.model.depth], CIFAR_TRAIN_IMAGES, CIFAR_TEST_IMAGES)!;
    const stepsPerEpoch = Math.floor(CIFAR_TRAIN_IMAGES / 128); // 390
    // Two networks at 0.1 s per step and two at 0.3 s: 0.8 s per "step of all four".
    expect(projection.quickEpochs).toBe(2);
    expect(projection.quickSeconds).toBeCloseTo(0.8 * 2 * stepsPerEpoch, 6);
    expect(projection.paperSeconds).toBeCloseTo(0.8 * PAPER_ITERATIONS, 6);
  });

  it('uses 15 epochs for the quick figure when the recipe is on the paper schedule', () => {
    const projection = projectFigure6({ ...DEFAULT_CONFIG, schedule: 'paper' }, (c) => speedByDepth[c.model.depth], CIFAR_TRAIN_IMAGES, CIFAR_TEST_IMAGES)!;
    expect(projection.quickEpochs).toBe(15);
  });
});
