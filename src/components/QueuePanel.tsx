import { modelName } from '../config';
import { activeRun, isQueued, runName } from '../state/appState';
import { useAppState, useServices } from '../state/appContext';

/** The runs waiting their turn: reorder, remove, pause or cancel the queue. Finished runs are in the history. */
export function QueuePanel() {
  const { store } = useServices();
  const runs = useAppState((state) => state.runs);
  const paused = useAppState((state) => state.queuePaused);
  const training = useAppState(activeRun);
  const queued = runs.filter(isQueued);
  if (queued.length === 0 && !training) return null;
  const dispatch = store.dispatch;

  return (
    <section className="queue-panel" aria-label="Queue" data-testid="queue-panel" data-paused={paused}>
      <h2>Queue</h2>
      {training ? (
        <p className="queue-current">
          Training now: <strong>{runName(training)}</strong>
          {training.state === 'paused' ? ' (paused)' : ''}
        </p>
      ) : null}
      {queued.length > 0 ? (
        <>
          <ol className="queue-list">
            {queued.map((run, index) => (
              <li key={run.id} data-testid="queued-run">
                <span className="member-name">{runName(run)}</span>
                <button type="button" aria-label={`Move ${runName(run)} earlier`} disabled={index === 0} onClick={() => dispatch({ type: 'queuedRunMoved', runId: run.id, offset: -1 })}>
                  ↑
                </button>
                <button type="button" aria-label={`Move ${runName(run)} later`} disabled={index === queued.length - 1} onClick={() => dispatch({ type: 'queuedRunMoved', runId: run.id, offset: 1 })}>
                  ↓
                </button>
                <button type="button" aria-label={`Remove ${modelName(run.config.model)} from the queue`} onClick={() => dispatch({ type: 'runRemoved', runId: run.id })}>
                  ×
                </button>
              </li>
            ))}
          </ol>
          {paused ? (
            <p className="queue-paused">
              The queue is paused: {queued.length} {queued.length === 1 ? 'run waits' : 'runs wait'}.{' '}
              <button type="button" onClick={() => dispatch({ type: 'queueResumed' })}>
                Resume queue
              </button>
            </p>
          ) : (
            <button type="button" onClick={() => dispatch({ type: 'queuePaused' })} title="The run training now goes on; the next one waits.">
              Pause queue after this run
            </button>
          )}{' '}
          <button type="button" onClick={() => dispatch({ type: 'queueCancelled' })}>
            Cancel queued runs
          </button>
        </>
      ) : null}
    </section>
  );
}
