import { describe, expect, it } from 'vitest';
import { isBareAddress, shouldShowFirstVisit } from './firstVisitMemory';

describe('when the first-visit path greets the visitor', () => {
  const first = { historyLoaded: true, runCount: 0, done: false, bareAddress: true };

  it('on the bare address of a browser with no runs, once the history is read', () => {
    expect(shouldShowFirstVisit(first)).toBe(true);
    expect(shouldShowFirstVisit({ ...first, historyLoaded: false })).toBe(false);
    expect(shouldShowFirstVisit({ ...first, runCount: 1 })).toBe(false);
    expect(shouldShowFirstVisit({ ...first, done: true })).toBe(false);
    expect(shouldShowFirstVisit({ ...first, bareAddress: false })).toBe(false);
  });

  it('a link with settings opens on the form; a backend choice alone does not count as settings', () => {
    expect(isBareAddress('')).toBe(true);
    expect(isBareAddress('?backend=webgl')).toBe(true);
    expect(isBareAddress('?backend=webgpu&kernels=reference')).toBe(true);
    expect(isBareAddress('?depth=56')).toBe(false);
    expect(isBareAddress('?%E0%A4%A')).toBe(false);
  });
});
