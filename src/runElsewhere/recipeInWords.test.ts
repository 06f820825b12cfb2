import { describe, expect, it } from 'vitest';
import { presetById, type TrainConfig } from '../config';
import { experimentInOneLine, networksInWords, scheduleInWords, trainingInWords } from './recipeInWords';

const short = presetById('short').config; // 15 epochs, batch 128, all 50,000 images
const paper = presetById('paper').config;

describe('the recipe in words', () => {
  it('says the length in the units the schedule uses', () => {
    expect(scheduleInWords(short)).toBe('15 epochs (5,850 iterations at batch 128)');
    expect(scheduleInWords({ ...short, epochs: 1, trainSubset: 10_000 })).toBe('1 epoch (78 iterations at batch 128)');
    expect(scheduleInWords(paper)).toBe('the paper’s 64,000 iterations at batch 128');
  });

  it('lists the networks in order, with the warm-up where a network has it', () => {
    const resnet110: TrainConfig = { ...short, model: { ...short.model, depth: 110 }, warmup: true };
    expect(networksInWords([{ ...short, model: { ...short.model, blockType: 'plain' } }, resnet110])).toBe('plain-20, ResNet-110 (option A) with warm-up');
  });

  it('names the rest of the recipe, and what departs from the paper', () => {
    expect(trainingInWords(short)).toBe('lr 0.1 ÷10 at 50% and 75%, momentum 0.9, weight decay 0.0001, width 16, crop + flip');
    expect(trainingInWords({ ...short, augment: false, trainSubset: 10_000, validationSplit: true, testSubset: 2_000 })).toBe(
      'lr 0.1 ÷10 at 50% and 75%, momentum 0.9, weight decay 0.0001, width 16, no augmentation, first 10,000 training images, 45k/5k validation split, evaluated on 2,000 images',
    );
    expect(experimentInOneLine([short])).toBe(`ResNet-20 (option A) · 15 epochs (5,850 iterations at batch 128), ${trainingInWords(short)}`);
  });
});
