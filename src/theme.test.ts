import { describe, expect, it } from 'vitest';
import { resolveTheme, storedThemeChoice } from './theme';

describe('theme', () => {
  it('follows the system unless the user picked one', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('reads only the two known choices from storage, and survives a storage that throws', () => {
    expect(storedThemeChoice({ getItem: () => 'dark' })).toBe('dark');
    expect(storedThemeChoice({ getItem: () => 'purple' })).toBe('system');
    expect(storedThemeChoice({ getItem: () => null })).toBe('system');
    expect(
      storedThemeChoice({
        getItem: () => {
          throw new Error('SecurityError');
        },
      }),
    ).toBe('system');
  });
});
