import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ExportedExperiment } from '../../runElsewhere/exportedExperiment';
import { RunElsewhereForm } from './RunElsewhereForm';
import './runElsewhere.css';

interface RunElsewhereProps {
  /** What the main button would train; null while the settings cannot be trained (their errors say why). */
  experiment: ExportedExperiment | null;
}

/** "Run elsewhere…" and its modal dialog. A native <dialog>: Escape closes it and focus stays inside it; the
 *  button gets the focus back when it closes. The dialog lives in <body>, not in the run bar, so the bar's button
 *  styles and its `hidden` state (first visit) never reach it. */
export function RunElsewhere({ experiment }: RunElsewhereProps) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  // Opened once its content is rendered, so the browser focuses the first field.
  useEffect(() => {
    if (open && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [open]);
  // Should the settings stop being exportable while it is open, the dialog closes rather than stay empty.
  useEffect(() => {
    if (!experiment) dialog.current?.close();
  }, [experiment]);

  return (
    <>
      <button
        ref={button}
        type="button"
        disabled={!experiment}
        title="Download this experiment as a folder that trains it with PyTorch, on a GPU machine or a cluster."
        onClick={() => setOpen(true)}
      >
        Run elsewhere…
      </button>
      {createPortal(
        <dialog
          ref={dialog}
          className="run-elsewhere-dialog"
          aria-labelledby={titleId}
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        >
          {open && experiment ? <RunElsewhereForm experiment={experiment} titleId={titleId} onClose={() => dialog.current?.close()} /> : null}
        </dialog>,
        document.body,
      )}
    </>
  );
}
