import { activeRun } from '../state/appState';
import { useAppState, useServices } from '../state/appContext';

interface RunControlsProps {
  /** Why Train cannot start now, in words; null when it can. */
  blockedReason: string | null;
  onTrain: () => void;
}

export function RunControls({ blockedReason, onTrain }: RunControlsProps) {
  const { client } = useServices();
  const run = useAppState(activeRun);
  const state = run?.state;
  return (
    <div className="run-controls">
      {!run ? (
        <button type="button" className="primary" disabled={blockedReason !== null} onClick={onTrain}>
          Train
        </button>
      ) : state === 'paused' ? (
        <button type="button" className="primary" onClick={() => client.resume()}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={() => client.pause()} disabled={state === 'starting'}>
          Pause
        </button>
      )}
      <button type="button" onClick={() => client.stop()} disabled={!run}>
        Stop
      </button>
      {!run && blockedReason ? <p className="run-blocked">{blockedReason}</p> : null}
    </div>
  );
}
