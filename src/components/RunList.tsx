import { useEffect, useRef, useState } from 'react';
import { modelName } from '../config';
import { useAppState, useServices } from '../state/appContext';
import type { CheckpointInfo } from '../checkpoint/checkpoint';
import { isActive, isQueued, isResumable, runName, type Run } from '../state/appState';
import { displayedRunName } from '../state/runDisplayName';
import { MAX_NAME } from '../state/runFieldBounds';
import { elsewhereDetails, elsewhereLabel } from './elsewhereLabel';
import { focusStatus } from './focusStatus';
import { formatBytes, formatPercent } from './format';

const STATE_LABEL = { queued: 'queued', starting: 'starting', running: 'training', paused: 'paused', stopped: 'stopped', finished: 'finished', failed: 'failed' } as const;
const BACKEND_LABEL = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' } as const;

/** Every run kept in this browser (and imported ones): show or hide on the chart, rename, delete. */
export function RunList() {
  const runs = useAppState((state) => state.runs);
  const checkpoints = useAppState((state) => state.checkpoints);
  const remoteRunId = useAppState((state) => state.remoteRunId);
  const history = runs.filter((run) => !isQueued(run));
  if (history.length === 0) return null;
  const kept = Object.values(checkpoints);
  return (
    <section className="run-list" aria-label="Runs">
      <h2>Runs kept in this browser</h2>
      {kept.length > 0 ? (
        <p className="checkpoint-storage" data-testid="checkpoint-storage">
          Checkpoints kept for {kept.length === 1 ? '1 run' : `${kept.length} runs`}:{' '}
          {formatBytes(kept.reduce((sum, info) => sum + info.bytes, 0))} of this browser's storage. A run resumes from its
          checkpoint after a reload, a crash or a stop; the checkpoint is deleted when the run finishes or is deleted.
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th title="Show on the chart">Show</th>
            <th>Run</th>
            <th>State</th>
            <th>Parameters</th>
            <th>Iteration</th>
            <th>Train error</th>
            <th>Test error</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {history.map((run) => (
            <RunRow key={run.id} run={run} checkpoint={checkpoints[run.id]} inAnotherTab={run.id === remoteRunId} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RunRow({ run, checkpoint, inAnotherTab }: { run: Run; checkpoint: CheckpointInfo | undefined; inAnotherTab: boolean }) {
  const { store } = useServices();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  // Enter or Escape in the name box removes it: the keyboard focus goes back to the Rename button, not the page.
  const renameButton = useRef<HTMLButtonElement>(null);
  const focusRenameAfterEdit = useRef(false);
  useEffect(() => {
    if (editing || !focusRenameAfterEdit.current) return;
    focusRenameAfterEdit.current = false;
    renameButton.current?.focus();
  }, [editing]);
  // A delete must be confirmed within a few seconds, so one stray click never loses a trained run.
  useEffect(() => {
    if (!confirmingDelete) return;
    const timer = setTimeout(() => setConfirmingDelete(false), 4000);
    return () => clearTimeout(timer);
  }, [confirmingDelete]);

  const lastTrain = run.train[run.train.length - 1];
  const lastTest = run.test[run.test.length - 1];
  // The name everywhere else on the page calls it ("ResNet-56 (option A) · PyTorch"); a rename edits the label.
  const name = displayedRunName(run);
  const { config } = run;
  return (
    <tr data-testid="run-row" data-state={run.state} data-run-id={run.id}>
      <td>
        <input
          type="checkbox"
          aria-label={`Show ${name} on the chart`}
          checked={!run.hidden}
          onChange={(e) => store.dispatch({ type: 'runVisibilitySet', runId: run.id, hidden: !e.target.checked })}
        />
      </td>
      <td>
        {editing ? (
          <RenameInput
            initial={runName(run)}
            onDone={(label, byKey) => {
              if (label !== null) store.dispatch({ type: 'runRenamed', runId: run.id, label });
              focusRenameAfterEdit.current = byKey;
              setEditing(false);
            }}
          />
        ) : (
          <span data-testid="run-name" className="member-name">
            {name}
          </span>
        )}
        <span className="run-meta">
          {run.label ? ` · ${modelName(config.model)}` : ''} · {config.schedule === 'paper' ? '64k it.' : `${config.epochs} ep`} · batch {config.batchSize} · lr{' '}
          {config.learningRate} · seed {config.seed}
          {config.trainSubset ? ` · ${config.trainSubset.toLocaleString('en-US')} train images` : ''}
          {run.backend ? ` · ${BACKEND_LABEL[run.backend.name]}` : ''}
          {run.elsewhere ? (
            <>
              {' · '}
              <span data-testid="run-elsewhere-label" title={elsewhereDetails(run.elsewhere)}>
                {elsewhereLabel(run.elsewhere)}
              </span>
            </>
          ) : null}
          {run.importedFrom ? ` · imported from ${run.importedFrom}` : ''}
          {run.experimentId ? ` · ${run.experimentId}` : ''}
        </span>
      </td>
      <td title={run.message}>
        {STATE_LABEL[run.state]}
        {inAnotherTab ? <span data-testid="run-elsewhere"> in another tab</span> : null}
        {run.message ? <span className="run-message"> — {run.message}</span> : null}
        {checkpoint && !isActive(run) ? (
          <span className="run-checkpoint" data-testid="run-checkpoint">
            {' '}
            — resumable from iteration {checkpoint.iteration.toLocaleString('en-US')} ({formatBytes(checkpoint.bytes)})
          </span>
        ) : null}
      </td>
      <td>{run.trainableParameters?.toLocaleString('en-US') ?? '–'}</td>
      <td data-testid="run-iteration">
        {(lastTrain?.iteration ?? run.live?.iteration ?? 0).toLocaleString('en-US')}
        {run.totalIterations ? ` / ${run.totalIterations.toLocaleString('en-US')}` : ''}
      </td>
      <td data-testid="run-train-error">{formatPercent(lastTrain?.trainError)}</td>
      <td data-testid="run-test-error" title={run.config.validationSplit ? 'On the 5,000 held-out training images (45k/5k split, §4.2), not the test set.' : undefined}>
        {formatPercent(lastTest?.testError)}
        {run.config.validationSplit ? ' (val.)' : ''}
      </td>
      <td className="run-actions">
        {isResumable({ checkpoints: checkpoint ? { [run.id]: checkpoint } : {} }, run) ? (
          <button type="button" aria-label={`Resume ${name}`} onClick={() => {
              store.dispatch({ type: 'runResumeRequested', runId: run.id });
              // The button goes with the press (the run is queued): the keyboard goes to the status, not the page.
              focusStatus();
            }}
          >
            Resume
          </button>
        ) : null}
        {!editing ? (
          <button type="button" ref={renameButton} aria-label={`Rename ${name}`} onClick={() => setEditing(true)}>
            Rename
          </button>
        ) : null}
        {!isActive(run) ? (
          confirmingDelete ? (
            // The same <button> element as "Delete" (same place in the tree), so the keyboard focus stays on it.
            <button type="button" className="danger" aria-label={`Really delete ${name}?`} onClick={() => store.dispatch({ type: 'runRemoved', runId: run.id })}>
              Really delete?
            </button>
          ) : (
            <button type="button" aria-label={`Delete ${name}`} onClick={() => setConfirmingDelete(true)}>
              Delete
            </button>
          )
        ) : null}
      </td>
    </tr>
  );
}

/** Enter saves, Escape cancels (onDone(null)); leaving the field saves. `byKey`: ended with Enter or Escape. */
function RenameInput({ initial, onDone }: { initial: string; onDone: (label: string | null, byKey: boolean) => void }) {
  const [text, setText] = useState(initial);
  // Enter/Escape end the edit; a blur that follows must not save again (or undo an Escape).
  const finished = useRef(false);
  const finish = (label: string | null, byKey: boolean) => {
    if (finished.current) return;
    finished.current = true;
    onDone(label, byKey);
  };
  return (
    <input
      className="rename-input"
      aria-label="New name"
      autoFocus
      maxLength={MAX_NAME}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish(text, true);
        if (e.key === 'Escape') finish(null, true);
      }}
      onBlur={() => finish(text, false)}
    />
  );
}
