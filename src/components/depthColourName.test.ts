import { describe, expect, it } from 'vitest';
import { colourName, depthColourName } from './depthColourName';
import { SERIES_COLOURS } from './runStyle';

describe('depthColourName', () => {
  it('names the paper depths’ colours as runStyle draws them', () => {
    expect([20, 32, 44, 56, 110, 1202].map(depthColourName)).toEqual(['blue', 'orange', 'bluish green', 'vermillion', 'reddish purple', 'black']);
  });

  it('uses a neutral wording for any other depth', () => {
    expect(depthColourName(8)).toBe('the depth-8 colour');
  });

  it('names every colour a run can be drawn in, each differently', () => {
    const names = SERIES_COLOURS.map(colourName);
    expect(names).not.toContain(null);
    expect(new Set(names).size).toBe(SERIES_COLOURS.length);
    expect(colourName('#123456')).toBeNull();
  });
});
