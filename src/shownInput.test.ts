import { describe, expect, it } from 'vitest';
import { shownInput } from './shownInput';

describe('a value from outside as a message quotes it', () => {
  it('keeps a short value as it is, on one line', () => {
    expect(shownInput('resnet-20')).toBe('resnet-20');
    expect(shownInput('a\n\tb')).toBe('a b');
  });

  it('cuts a long value to 40 characters and marks the cut', () => {
    expect(shownInput('x'.repeat(5_000))).toBe(`${'x'.repeat(40)}…`);
  });

  it('never cuts an emoji in half (a lone surrogate shows as a broken character)', () => {
    const shown = shownInput(`${'x'.repeat(39)}😀😀`);
    expect(shown).toBe(`${'x'.repeat(39)}…`);
  });
});
