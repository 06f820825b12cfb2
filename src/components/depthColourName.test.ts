import { describe, expect, it } from 'vitest';
import { depthColourName } from './depthColourName';

describe('depthColourName', () => {
  it('names the paper depths’ colours as runStyle draws them', () => {
    expect([20, 32, 44, 56, 110, 1202].map(depthColourName)).toEqual(['blue', 'orange', 'bluish green', 'vermillion', 'reddish purple', 'black']);
  });

  it('uses a neutral wording for any other depth', () => {
    expect(depthColourName(8)).toBe('the depth-8 colour');
  });
});
