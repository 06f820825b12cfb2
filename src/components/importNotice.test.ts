import { describe, expect, it } from 'vitest';
import type { RunElsewhere } from '../state/appState';
import { importNotice } from './importNotice';

const torch: RunElsewhere = { framework: 'PyTorch 2.4.1', device: '1x NVIDIA H100', processes: 1, precision: 'fp32', wallSeconds: 60, script: 'residual_playground.py' };

describe('import notice', () => {
  it('says "it is" for one run, "they are" for several', () => {
    expect(importNotice([{}], [], 'a.json')).toBe('Imported 1 run from “a.json”; it is marked “imported”.');
    expect(importNotice([{}, {}], [], 'a.json')).toBe('Imported 2 runs from “a.json”; they are marked “imported”.');
    expect(importNotice([{ elsewhere: torch }], [], 'a.json')).toBe('Imported 1 run from “a.json”; it is labelled as trained elsewhere (PyTorch 2.4.1).');
    expect(importNotice([{ elsewhere: torch }, { elsewhere: torch }], [], 'a.json')).toBe(
      'Imported 2 runs from “a.json”; they are labelled as trained elsewhere (PyTorch 2.4.1).',
    );
  });

  it('agrees with the count of runs trained elsewhere among others', () => {
    expect(importNotice([{ elsewhere: torch }, {}, {}], [], 'a.json')).toBe('Imported 3 runs from “a.json”; 1 of them is labelled as trained elsewhere (PyTorch 2.4.1).');
    expect(importNotice([{ elsewhere: torch }, { elsewhere: torch }, {}], [], 'a.json')).toBe(
      'Imported 3 runs from “a.json”; 2 of them are labelled as trained elsewhere (PyTorch 2.4.1).',
    );
  });

  it('appends the file’s problems', () => {
    expect(importNotice([{}], ['Run 2 was skipped.'], 'a.json')).toBe('Imported 1 run from “a.json”; it is marked “imported”. Run 2 was skipped.');
  });
});
