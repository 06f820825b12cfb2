import type { ExportedExperiment } from '../runElsewhere/exportedExperiment';
import { activeRun } from '../state/appState';
import { useAppState, useServices } from '../state/appContext';
import { RunElsewhere } from './runElsewhere/RunElsewhere';

interface RunControlsProps {
  /** "Train" for one network, "Run experiment (4 runs)" for a list. */
  actionLabel: string;
  /** Why the action cannot start now, in words; null when it can. */
  blockedReason: string | null;
  onAction: () => void;
  /** What "Run elsewhere…" exports (the networks the main button trains); null while the settings are invalid. */
  exported: ExportedExperiment | null;
}

/** The main button (it adds to the queue, so it works while something trains), its alternative of running the
 *  same experiment with PyTorch elsewhere, and the current run's controls. */
export function RunControls({ actionLabel, blockedReason, onAction, exported }: RunControlsProps) {
  const { client } = useServices();
  const run = useAppState(activeRun);
  const state = run?.state;
  return (
    <div className="run-controls">
      <button type="button" className="primary" disabled={blockedReason !== null} onClick={onAction}>
        {actionLabel}
      </button>
      <RunElsewhere experiment={exported} />
      {state === 'paused' ? (
        <button type="button" onClick={() => client.resume()}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={() => client.pause()} disabled={!run || state === 'starting'}>
          Pause
        </button>
      )}
      <button type="button" onClick={() => client.stop()} disabled={!run} title="Stops the run that is training; the queue then waits for you.">
        Stop
      </button>
      {blockedReason ? <p className="run-blocked">{blockedReason}</p> : null}
    </div>
  );
}
