import { modelName } from '../config';
import { useAppState, useServices } from '../state/appContext';
import { isActive } from '../state/appState';
import { formatPercent } from './format';

const STATE_LABEL = { queued: 'queued', starting: 'starting', running: 'training', paused: 'paused', stopped: 'stopped', finished: 'finished', failed: 'failed' } as const;

/** The runs of this session, newest last, with their latest errors. */
export function RunList() {
  const { store } = useServices();
  const runs = useAppState((state) => state.runs);
  if (runs.length === 0) return null;
  return (
    <section className="run-list" aria-label="Runs">
      <table>
        <thead>
          <tr>
            <th>Run</th>
            <th>State</th>
            <th>Parameters</th>
            <th>Iteration</th>
            <th>Train error</th>
            <th>Test error</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const lastTrain = run.train[run.train.length - 1];
            const lastTest = run.test[run.test.length - 1];
            const active = isActive(run);
            return (
              <tr key={run.id} data-testid="run-row" data-state={run.state}>
                <td>
                  {modelName(run.config.model)}
                  <span className="run-meta">
                    {' '}
                    · {run.config.epochs} ep · batch {run.config.batchSize} · lr {run.config.learningRate} · seed {run.config.seed}
                    {run.config.trainSubset ? ` · ${run.config.trainSubset.toLocaleString('en-US')} train images` : ''}
                  </span>
                </td>
                <td title={run.message}>
                  {STATE_LABEL[run.state]}
                  {run.message ? <span className="run-message"> — {run.message}</span> : null}
                </td>
                <td>{run.trainableParameters?.toLocaleString('en-US') ?? '–'}</td>
                <td>
                  {(run.live?.iteration ?? 0).toLocaleString('en-US')}
                  {run.totalIterations ? ` / ${run.totalIterations.toLocaleString('en-US')}` : ''}
                </td>
                <td>{formatPercent(lastTrain?.trainError)}</td>
                <td>{formatPercent(lastTest?.testError)}</td>
                <td>
                  {!active ? (
                    <button type="button" aria-label={`Remove ${modelName(run.config.model)}`} onClick={() => store.dispatch({ type: 'runRemoved', runId: run.id })}>
                      Remove
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
