import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config';
import { configsForChoice, formIsPaperLength, withPaperLength } from './runLengthChoice';

const quickLook = PRESETS.find((p) => p.id === 'quick-look')!.config;
const paper = PRESETS.find((p) => p.id === 'paper')!.config;

describe('the length of the exported runs', () => {
  it("gives the paper's 64k-iteration schedule on all the images, keeping the rest of the recipe", () => {
    const [config] = withPaperLength([{ ...quickLook, seed: 3, evalsPerEpoch: 4 }]);
    expect(config).toMatchObject({ schedule: 'paper', trainSubset: null, testSubset: null, seed: 3, evalsPerEpoch: 4, batchSize: 128 });
    expect(config.model).toEqual(quickLook.model);
  });

  it("keeps the form's length when asked, and knows when the form is already the paper's", () => {
    expect(configsForChoice([quickLook], 'form')).toEqual([quickLook]);
    expect(formIsPaperLength([quickLook])).toBe(false);
    expect(formIsPaperLength([paper])).toBe(true);
    expect(formIsPaperLength([{ ...paper, trainSubset: 1000 }])).toBe(false);
  });
});
