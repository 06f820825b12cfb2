import { describe, expect, it } from 'vitest';
import { slug } from './slug';

describe('slug', () => {
  it('keeps letters and digits of the names the app shows, hyphen-separated', () => {
    expect(slug('Figure 6')).toBe('figure-6');
    expect(slug('Degradation (Fig. 1)')).toBe('degradation-fig-1');
    expect(slug('ResNet-56 (option A, bottleneck, width 8)')).toBe('resnet-56-option-a-bottleneck-width-8');
    expect(slug('My list')).toBe('my-list');
  });

  it('turns accents and other scripts into plain ASCII, or a neutral name when nothing is left', () => {
    expect(slug('Größe ½ café')).toBe('grosse-1-2-cafe');
    expect(slug('../../etc')).toBe('etc');
    expect(slug('实验')).toBe('experiment');
    expect(slug('')).toBe('experiment');
  });

  it('stays short', () => {
    expect(slug('a '.repeat(100)).length).toBeLessThanOrEqual(60);
    expect(slug('a '.repeat(100))).not.toMatch(/-$/);
  });
});
