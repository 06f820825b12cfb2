import { describe, expect, it } from 'vitest';
import { curvePath } from './curvePath';

describe('a curve’s SVG path', () => {
  it('joins the points with straight segments, bridging the rows where the curve has no value', () => {
    expect(curvePath([{ x: 0, y: 10 }, { x: 1.04, y: null }, { x: 2.25, y: 7.5 }, { x: 3, y: 5 }])).toBe('M0,10L2.3,7.5L3,5');
    expect(curvePath([])).toBe('');
    expect(curvePath(undefined)).toBe('');
  });
});
