import { describe, expect, it } from 'vitest';
import { exportFileName } from './fileName';
import { prettyJson } from './prettyJson';

describe('prettyJson', () => {
  it('indents nested objects and keeps objects of plain values on one line, and parses back to the same value', () => {
    const value = { a: 1, list: [{ x: 1, y: null }, { x: 2, y: 'q"' }], nested: { model: { depth: 20 }, drops: [1, 2] }, empty: [], gone: undefined };
    const text = prettyJson(value);
    expect(text).toBe(
      [
        '{',
        '  "a": 1,',
        '  "list": [',
        '    {"x":1,"y":null},',
        '    {"x":2,"y":"q\\""}',
        '  ],',
        '  "nested": {',
        '    "model": {"depth":20},',
        '    "drops": [1,2]',
        '  },',
        '  "empty": []',
        '}',
      ].join('\n'),
    );
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(prettyJson({ n: NaN, list: [undefined, [1]] })).toBe('{\n  "n": null,\n  "list": [\n    null,\n    [1]\n  ]\n}');
  });
});

describe('export file names', () => {
  it('say what they are and when, in local time, without colons', () => {
    expect(exportFileName('csv', new Date(2026, 10, 27, 22, 15, 59))).toBe('residual-playground-2026-11-27T22-15.csv');
    expect(exportFileName('png', new Date(2026, 0, 2, 3, 4))).toBe('residual-playground-2026-01-02T03-04.png');
  });
});
