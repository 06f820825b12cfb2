import { modelName } from '../config';
import { speedKey } from '../engine/speedKey';
import { expectedSeconds } from '../engine/wallTime';
import { activeRun, isQueued, isStopping, type Run } from '../state/appState';
import { displayedRunName } from '../state/runDisplayName';
import { useAppState, useServices } from '../state/appContext';
import { formatDuration } from './format';

/** The runs waiting their turn: reorder, remove, pause or cancel the queue. Finished runs are in the history. */
export function QueuePanel() {
  const { store } = useServices();
  const runs = useAppState((state) => state.runs);
  const paused = useAppState((state) => state.queuePaused);
  const training = useAppState(activeRun);
  const stopping = useAppState((state) => training !== undefined && isStopping(state, training));
  const queued = runs.filter(isQueued);
  const timeLeft = useQueueTimeLeft(training, queued);
  if (queued.length === 0 && !training) return null;
  const dispatch = store.dispatch;

  return (
    <section className="queue-panel" aria-label="Queue" data-testid="queue-panel" data-paused={paused}>
      <h2>Queue</h2>
      {training ? (
        <p className="queue-current">
          Training now: <strong>{displayedRunName(training)}</strong>
          {stopping ? ' (stopping…)' : training.state === 'paused' ? ' (paused)' : ''}
        </p>
      ) : null}
      {timeLeft ? <p className="queue-eta" data-testid="queue-eta">{timeLeft}</p> : null}
      {queued.length > 0 ? (
        <>
          <ol className="queue-list">
            {queued.map((run, index) => (
              <li key={run.id} data-testid="queued-run">
                <span className="member-name">{displayedRunName(run)}</span>
                <button type="button" aria-label={`Move ${displayedRunName(run)} earlier`} disabled={index === 0} onClick={() => dispatch({ type: 'queuedRunMoved', runId: run.id, offset: -1 })}>
                  ↑
                </button>
                <button type="button" aria-label={`Move ${displayedRunName(run)} later`} disabled={index === queued.length - 1} onClick={() => dispatch({ type: 'queuedRunMoved', runId: run.id, offset: 1 })}>
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

/** Time left for the whole queue: the training run's live ETA (test evaluations excluded) plus the waiting runs'
 *  expected wall time from "Measure speed"; it says which part is unknown rather than guessing. */
function useQueueTimeLeft(training: Run | undefined, queued: readonly Run[]): string | null {
  const backend = useAppState((state) => state.backend);
  const data = useAppState((state) => state.data);
  const speeds = useAppState((state) => state.speeds);
  if (!backend || data.state !== 'ready') return null;
  const current = training ? training.live?.etaSeconds : 0;
  if (current === undefined) return null;
  let waitingSeconds = 0;
  let unmeasured = 0;
  for (const run of queued) {
    const speed = speeds[speedKey(run.config, backend.name)];
    if (speed) waitingSeconds += expectedSeconds(run.config, data.trainImages, data.testImages, speed, { trainingCompiled: speed.measuredThisPage === true });
    else unmeasured += 1;
  }
  if (queued.length === 0) return `About ${formatDuration(current)} left for this run.`;
  if (unmeasured === 0) return `About ${formatDuration(current + waitingSeconds)} left for the queue.`;
  if (unmeasured === queued.length) {
    return training ? `About ${formatDuration(current)} left for this run; the waiting runs’ speed was not measured before they were queued.` : null;
  }
  return `At least ${formatDuration(current + waitingSeconds)} left: ${unmeasured} waiting ${unmeasured === 1 ? 'run has' : 'runs have'} no measured speed yet.`;
}
