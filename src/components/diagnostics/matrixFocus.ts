// Keyboard movement in the confusion matrix: the 100 cells are ONE tab stop (issue 20, finding 7: they were 100),
// and the arrow keys move between them, as in any data grid (WAI-ARIA grid pattern): arrows one cell, Home/End
// to the row's ends, Ctrl+Home/End to the first and last cell, Page Up/Down to the column's ends.
import { CLASS_COUNT } from '../../diagnostics/diagnostics';

export interface MatrixCell {
  /** True class (row). */
  t: number;
  /** Predicted class (column). */
  p: number;
}

const LAST = CLASS_COUNT - 1;

/** Where `key` moves the focus from `cell`; null for a key the matrix leaves alone (Tab, letters, Enter). */
export function movedCell(cell: MatrixCell, key: string, ctrlKey = false): MatrixCell | null {
  const clamp = (value: number) => Math.min(LAST, Math.max(0, value));
  switch (key) {
    case 'ArrowRight':
      return { t: cell.t, p: clamp(cell.p + 1) };
    case 'ArrowLeft':
      return { t: cell.t, p: clamp(cell.p - 1) };
    case 'ArrowDown':
      return { t: clamp(cell.t + 1), p: cell.p };
    case 'ArrowUp':
      return { t: clamp(cell.t - 1), p: cell.p };
    case 'Home':
      return ctrlKey ? { t: 0, p: 0 } : { t: cell.t, p: 0 };
    case 'End':
      return ctrlKey ? { t: LAST, p: LAST } : { t: cell.t, p: LAST };
    case 'PageUp':
      return { t: 0, p: cell.p };
    case 'PageDown':
      return { t: LAST, p: cell.p };
    default:
      return null;
  }
}
