import { describe, expect, it } from 'vitest';
import { decadeTicks, formatNorm, log10OrNull, scalePosition, sharedLogDomain, viridis } from './colourScale';

describe('the heatmap colour scale', () => {
  it('maps norms to log10; 0 to -Infinity (the lowest colour), NaN, Infinity and negatives to no value', () => {
    expect(log10OrNull(1)).toBe(0);
    expect(log10OrNull(1e-3)).toBeCloseTo(-3, 12);
    expect(log10OrNull(0)).toBe(-Infinity);
    expect(log10OrNull(NaN)).toBeNull();
    expect(log10OrNull(Infinity)).toBeNull();
    expect(log10OrNull(-0.5)).toBeNull();
  });

  it('shares one domain across heatmaps, widened to whole decades', () => {
    const plain = [Math.log10(2.1e-3), Math.log10(0.05)];
    const residual = [Math.log10(0.01), Math.log10(0.84)];
    expect(sharedLogDomain([plain, residual])).toEqual({ min: -3, max: 0 });
    // The domain depends on every set: dropping the one with the largest values narrows it.
    expect(sharedLogDomain([plain])).toEqual({ min: -3, max: -1 });
  });

  it('ignores NaN and infinite logs in the domain; gives a default with no data and at least one decade', () => {
    expect(sharedLogDomain([[NaN, -Infinity, Math.log10(0.3)]])).toEqual({ min: -1, max: 0 });
    expect(sharedLogDomain([[], [NaN]])).toEqual({ min: -3, max: 0 });
    expect(sharedLogDomain([[-2, -2]])).toEqual({ min: -2, max: -1 });
  });

  it('clamps one extreme outlier instead of stretching the scale for it', () => {
    const values = Array.from({ length: 1000 }, (_, i) => -2 + i / 1000);
    values.push(5); // one exploding step
    const domain = sharedLogDomain([values]);
    expect(domain).toEqual({ min: -2, max: -1 });
    expect(scalePosition(5, domain)).toBe(1);
  });

  it('places values on the domain, clamping beyond it; a zero norm sits at the bottom; NaN has no colour', () => {
    const domain = { min: -3, max: 0 };
    expect(scalePosition(-3, domain)).toBe(0);
    expect(scalePosition(-1.5, domain)).toBeCloseTo(0.5, 12);
    expect(scalePosition(0, domain)).toBe(1);
    expect(scalePosition(2, domain)).toBe(1);
    expect(scalePosition(-7, domain)).toBe(0);
    expect(scalePosition(-Infinity, domain)).toBe(0);
    expect(scalePosition(NaN, domain)).toBeNull();
  });

  it('runs from dark purple to yellow, brighter with the value', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    const brightness = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
    for (let t = 0.1; t <= 1; t += 0.1) expect(brightness(viridis(t))).toBeGreaterThan(brightness(viridis(t - 0.1)));
    expect(viridis(-1)).toEqual(viridis(0));
    expect(viridis(2)).toEqual(viridis(1));
  });

  it('labels one tick per decade, thinned when there are many', () => {
    expect(decadeTicks({ min: -3, max: 0 }).map((t) => t.label)).toEqual(['1e-3', '1e-2', '1e-1', '1e0']);
    const many = decadeTicks({ min: -12, max: 2 }, 5);
    expect(many.length).toBeLessThanOrEqual(6);
    expect(many[0].log).toBe(-12);
    expect(many[many.length - 1].log).toBe(2);
  });

  it('writes norms briefly', () => {
    expect(formatNorm(0.84)).toBe('0.84');
    expect(formatNorm(0.0021)).toBe('2.1e-3');
    expect(formatNorm(12.3)).toBe('12');
    expect(formatNorm(0)).toBe('0');
    expect(formatNorm(NaN)).toBe('–');
  });
});
