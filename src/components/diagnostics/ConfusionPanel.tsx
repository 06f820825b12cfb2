// Panel 3: per-class accuracy and the 10x10 confusion matrix of one run at one evaluation; a cell opens the
// images it counts (ImageGallery).
import { memo, useCallback, useId, useMemo, useRef, useState } from 'react';
import { CLASS_COUNT, CLASS_NAMES, perClassAccuracy } from '../../diagnostics/diagnostics';
import { rowTotals } from './confusion';
import { ConfusionMatrix } from './ConfusionMatrix';
import { ImageGallery } from './ImageGallery';
import type { MatrixCell } from './matrixFocus';
import type { ShownRun } from './shownRuns';
import { formatCount } from './numberFormat';

export const ConfusionPanel = memo(function ConfusionPanel({ runs }: { runs: readonly ShownRun[] }) {
  const evaluated = useMemo(() => runs.filter((run) => run.diagnostics.evaluations.length > 0), [runs]);
  const [chosenRunId, setChosenRunId] = useState<string | null>(null);
  /** null: the newest evaluation (follows training). */
  const [chosenEvaluation, setChosenEvaluation] = useState<number | null>(null);
  const [openCell, setOpenCell] = useState<MatrixCell | null>(null);
  const cellButtons = useRef(new Map<string, HTMLButtonElement>());
  const runPickerId = useId();
  const evaluationPickerId = useId();
  const galleryId = useId();
  const hintId = useId();
  const toggleCell = useCallback((cell: MatrixCell) => setOpenCell((open) => (open?.t === cell.t && open.p === cell.p ? null : cell)), []);

  const run = evaluated.find((r) => r.runId === chosenRunId) ?? evaluated[0];
  const evaluations = run?.diagnostics.evaluations ?? [];
  const evaluationIndex = chosenEvaluation !== null && chosenEvaluation < evaluations.length ? chosenEvaluation : evaluations.length - 1;
  const evaluation = evaluations[evaluationIndex];
  const confusion = evaluation?.confusion;
  const totals = useMemo(() => (confusion ? rowTotals(confusion) : []), [confusion]);
  const accuracy = useMemo(() => (confusion ? perClassAccuracy(confusion) : []), [confusion]);

  // Focus goes back to the cell that opened the gallery.
  const closeGallery = () => {
    if (openCell) cellButtons.current.get(`${openCell.t}-${openCell.p}`)?.focus();
    setOpenCell(null);
  };

  if (!run || !evaluation || !confusion) {
    return (
      <div className="diag-panel" data-testid="diagnostics-confusion">
        <h3>Per-class accuracy and confusion</h3>
        <p className="diag-empty">No test evaluation yet: the matrix appears after a run’s first evaluation.</p>
      </div>
    );
  }

  const total = totals.reduce((a, b) => a + b, 0);
  const right = confusion.reduce((sum, count, i) => (Math.floor(i / CLASS_COUNT) === i % CLASS_COUNT ? sum + count : sum), 0);

  return (
    <div className="diag-panel" data-testid="diagnostics-confusion">
      <h3>Per-class accuracy and confusion</h3>
      <p className="diag-look">
        Which classes a network gets right, and what it mistakes them for: look for cat ↔ dog and automobile ↔ truck. Press a
        cell to see its images.
      </p>
      <div className="diag-pickers">
        <label htmlFor={runPickerId}>Run</label>
        <select
          id={runPickerId}
          value={run.runId}
          onChange={(event) => {
            setChosenRunId(event.target.value);
            setChosenEvaluation(null);
            setOpenCell(null);
          }}
        >
          {evaluated.map((r) => (
            <option key={r.runId} value={r.runId}>
              {r.name}
            </option>
          ))}
        </select>
        <label htmlFor={evaluationPickerId}>Evaluation</label>
        <select
          id={evaluationPickerId}
          value={chosenEvaluation === null || chosenEvaluation >= evaluations.length ? 'newest' : String(chosenEvaluation)}
          onChange={(event) => {
            setChosenEvaluation(event.target.value === 'newest' ? null : Number(event.target.value));
          }}
        >
          <option value="newest">newest (iteration {formatCount(evaluations[evaluations.length - 1].iteration)})</option>
          {evaluations
            .map((e, i) => (
              <option key={i} value={String(i)}>
                iteration {formatCount(e.iteration)}
              </option>
            ))
            .reverse()}
        </select>
      </div>
      <p className="diag-note">
        {run.name} at iteration {formatCount(evaluation.iteration)}: {formatCount(right)} of {formatCount(total)} images
        right ({total > 0 ? ((100 * right) / total).toFixed(1) : '–'}%).
      </p>
      <div className="diag-confusion">
        <ul className="diag-class-accuracy" aria-label={`Per-class accuracy of ${run.name} at iteration ${evaluation.iteration}`}>
          {accuracy.map((value, t) => (
            <li key={t}>
              <span className="diag-class-name">{CLASS_NAMES[t]}</span>
              <span className="diag-bar" aria-hidden="true">
                <span style={{ width: `${value ?? 0}%` }} />
              </span>
              <span className="diag-class-value">{value === null ? '–' : `${value.toFixed(1)}%`}</span>
            </li>
          ))}
        </ul>
        <div className="diag-matrix-box">
          <div className="diag-matrix-scroll">
            <ConfusionMatrix
              runName={run.name}
              iteration={evaluation.iteration}
              confusion={confusion}
              openCell={openCell}
              galleryId={galleryId}
              hintId={hintId}
              onPress={toggleCell}
              cellButtons={cellButtons}
            />
          </div>
          <p className="diag-note" id={hintId}>
            Rows: true class; columns: predicted class. Shade: share of the row (blue, bold: right; red: mistaken). Keyboard: the
            arrow keys move between cells, Enter opens a cell’s images.
          </p>
        </div>
      </div>
      {openCell ? (
        <ImageGallery
          id={galleryId}
          runName={run.name}
          predictions={run.diagnostics.predictions}
          shownIteration={evaluation.iteration}
          trueClass={openCell.t}
          predictedClass={openCell.p}
          onClose={closeGallery}
        />
      ) : null}
    </div>
  );
});
