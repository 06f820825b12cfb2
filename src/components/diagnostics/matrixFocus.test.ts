import { describe, expect, it } from 'vitest';
import { movedCell } from './matrixFocus';

describe('moving in the confusion matrix', () => {
  it('moves one cell with the arrows and stops at the edges', () => {
    expect(movedCell({ t: 3, p: 5 }, 'ArrowRight')).toEqual({ t: 3, p: 6 });
    expect(movedCell({ t: 3, p: 5 }, 'ArrowLeft')).toEqual({ t: 3, p: 4 });
    expect(movedCell({ t: 3, p: 5 }, 'ArrowDown')).toEqual({ t: 4, p: 5 });
    expect(movedCell({ t: 3, p: 5 }, 'ArrowUp')).toEqual({ t: 2, p: 5 });
    expect(movedCell({ t: 0, p: 9 }, 'ArrowRight')).toEqual({ t: 0, p: 9 });
    expect(movedCell({ t: 0, p: 0 }, 'ArrowUp')).toEqual({ t: 0, p: 0 });
    expect(movedCell({ t: 9, p: 0 }, 'ArrowDown')).toEqual({ t: 9, p: 0 });
  });

  it('jumps to the ends of a row, a column or the matrix', () => {
    expect(movedCell({ t: 3, p: 5 }, 'Home')).toEqual({ t: 3, p: 0 });
    expect(movedCell({ t: 3, p: 5 }, 'End')).toEqual({ t: 3, p: 9 });
    expect(movedCell({ t: 3, p: 5 }, 'Home', true)).toEqual({ t: 0, p: 0 });
    expect(movedCell({ t: 3, p: 5 }, 'End', true)).toEqual({ t: 9, p: 9 });
    expect(movedCell({ t: 3, p: 5 }, 'PageUp')).toEqual({ t: 0, p: 5 });
    expect(movedCell({ t: 3, p: 5 }, 'PageDown')).toEqual({ t: 9, p: 5 });
  });

  it('leaves Tab, Enter and other keys to the page', () => {
    expect(movedCell({ t: 3, p: 5 }, 'Tab')).toBeNull();
    expect(movedCell({ t: 3, p: 5 }, 'Enter')).toBeNull();
    expect(movedCell({ t: 3, p: 5 }, 'a')).toBeNull();
  });
});
