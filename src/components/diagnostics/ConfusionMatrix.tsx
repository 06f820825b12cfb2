// The 10x10 confusion matrix of one evaluation, as a data grid: ONE tab stop (the cell last visited), the arrow
// keys move between cells (matrixFocus.ts), Enter or Space opens a cell's images. Memoised on the matrix itself:
// while a run trains, the panel around it re-renders with every sample, the 100 cells only with a new evaluation.
import { memo, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import { CLASS_COUNT, CLASS_NAMES } from '../../diagnostics/diagnostics';
import { cellLabel, cellTint, rowFraction, rowTotals, SHORT_CLASS_NAMES } from './confusion';
import { movedCell, type MatrixCell } from './matrixFocus';
import { formatCount } from './numberFormat';

interface ConfusionMatrixProps {
  runName: string;
  iteration: number;
  confusion: readonly number[];
  /** The cell whose images are open, if any. */
  openCell: MatrixCell | null;
  galleryId: string;
  /** The id of the text that says how to move in the matrix. */
  hintId: string;
  /** Opens the cell's images, or closes them when they are open. Stable (the matrix is memoised). */
  onPress: (cell: MatrixCell) => void;
  /** The cell buttons by "t-p", so the panel can give the focus back to a cell when its images close. */
  cellButtons: RefObject<Map<string, HTMLButtonElement>>;
}

export const ConfusionMatrix = memo(function ConfusionMatrix({ runName, iteration, confusion, openCell, galleryId, hintId, onPress, cellButtons }: ConfusionMatrixProps) {
  const totals = useMemo(() => rowTotals(confusion), [confusion]);
  /** The cell that holds the matrix's one tab stop. */
  const [active, setActive] = useState<MatrixCell>({ t: 0, p: 0 });

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const next = movedCell(active, event.key, event.ctrlKey || event.metaKey);
    if (next === null) return;
    event.preventDefault(); // the arrows, Home/End and Page Up/Down move in the grid, not the page
    setActive(next);
    cellButtons.current.get(`${next.t}-${next.p}`)?.focus();
  };

  return (
    <table className="diag-matrix" role="grid" onKeyDown={onKeyDown} aria-describedby={hintId}>
      <caption className="visually-hidden">
        Confusion matrix of {runName} at iteration {iteration}: rows true class, columns predicted class
      </caption>
      <thead>
        <tr>
          <th scope="col" className="diag-matrix-corner">
            <span className="visually-hidden">true class \ predicted class</span>
            <span aria-hidden="true">true ↓ predicted →</span>
          </th>
          {SHORT_CLASS_NAMES.map((name, p) => (
            <th key={p} scope="col" title={CLASS_NAMES[p]}>
              <abbr title={CLASS_NAMES[p]}>{name}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {CLASS_NAMES.map((name, t) => (
          <tr key={t}>
            <th scope="row">{name}</th>
            {CLASS_NAMES.map((_, p) => {
              const count = confusion[t * CLASS_COUNT + p] ?? 0;
              const diagonal = t === p;
              const tint = cellTint(rowFraction(confusion, totals, t, p), diagonal);
              const open = openCell?.t === t && openCell.p === p;
              return (
                <td key={p}>
                  <button
                    type="button"
                    ref={(element) => {
                      if (element) cellButtons.current.set(`${t}-${p}`, element);
                      else cellButtons.current.delete(`${t}-${p}`);
                    }}
                    tabIndex={active.t === t && active.p === p ? 0 : -1}
                    className={`diag-cell${diagonal ? ' diag-cell-right' : ''}${count === 0 ? ' diag-cell-zero' : ''}`}
                    style={{ ['--tint' as string]: `${tint}%` }}
                    aria-label={cellLabel(t, p, count)}
                    aria-expanded={open}
                    aria-controls={open ? galleryId : undefined}
                    onFocus={() => {
                      if (active.t !== t || active.p !== p) setActive({ t, p });
                    }}
                    onClick={() => onPress({ t, p })}
                  >
                    {formatCount(count)}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
});
