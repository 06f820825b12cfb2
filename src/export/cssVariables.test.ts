import { describe, expect, it } from 'vitest';
import { resolveCssVariables, resolveCssVariablesInMarkup } from './cssVariables';

const theme: Record<string, string> = { '--surface': ' #1a1f27', '--text': '#e7eaf0', '--grid': '#313845' };
const lookup = (name: string) => theme[name] ?? '';

describe('theme colours written out for an exported picture', () => {
  it('replaces var(--name) by the page’s value, else its fallback', () => {
    expect(resolveCssVariables('var(--surface)', lookup)).toBe('#1a1f27');
    expect(resolveCssVariables('var(--unknown, #ffffff)', lookup)).toBe('#ffffff');
    expect(resolveCssVariables('var(--unknown, var(--text))', lookup)).toBe('#e7eaf0');
    expect(resolveCssVariables('var(--unknown, rgb(1, 2, 3))', lookup)).toBe('rgb(1, 2, 3)');
    expect(resolveCssVariables('var(--unknown)', lookup)).toBe('currentColor');
    expect(resolveCssVariables('1px solid var(--grid)', lookup)).toBe('1px solid #313845');
  });

  it('touches attribute values only, so a run named "var(--x)" keeps its name', () => {
    const markup = '<svg><path fill="var(--surface)" stroke="#000"/><text fill="var(--text)">var(--x)</text></svg>';
    expect(resolveCssVariablesInMarkup(markup, lookup)).toBe('<svg><path fill="#1a1f27" stroke="#000"/><text fill="#e7eaf0">var(--x)</text></svg>');
  });
});
