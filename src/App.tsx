import { useEffect, useMemo, useState } from 'react';
import type { TrainConfig } from './config';
import { describeConfigErrors, validateConfig } from './configValidation';
import type { BackendName } from './protocol';
import { activeRun } from './state/appState';
import { useAppState, useServices } from './state/appContext';
import { configToQuery } from './state/urlConfig';
import { newRunId } from './state/runIds';
import { ControlPanel } from './components/ControlPanel';
import { DatasetLoader } from './components/DatasetLoader';
import { ErrorChart } from './components/ErrorChart';
import { Notices } from './components/Notices';
import { RunControls } from './components/RunControls';
import { RunList } from './components/RunList';
import { StatusBar } from './components/StatusBar';
import { VerdictCard } from './components/VerdictCard';

interface AppProps {
  initialConfig: TrainConfig;
  backends?: BackendName[];
}

/** Page layout, the config being edited, and keeping it in the URL. */
export function App({ initialConfig, backends }: AppProps) {
  const { store } = useServices();
  const [config, setConfig] = useState(initialConfig);
  const errors = useMemo(() => validateConfig(config), [config]);
  const valid = Object.keys(errors).length === 0;
  const data = useAppState((state) => state.data);
  const backend = useAppState((state) => state.backend);
  const running = useAppState((state) => activeRun(state) !== undefined);

  // A valid config is written into the URL, so the address bar is always a link to this set-up.
  useEffect(() => {
    if (valid) window.history.replaceState(null, '', `?${configToQuery(config, backends)}`);
  }, [config, valid, backends]);

  const blockedReason = !valid
    ? `Fix the settings first: ${describeConfigErrors(errors)}`
    : data.state !== 'ready'
      ? 'Waiting for CIFAR-10 (see the status above).'
      : backend === null
        ? 'Waiting for a GPU backend.'
        : null;

  return (
    <div className="app">
      <header className="app-header">
        <h1>Residual learning playground</h1>
        <p>
          Train plain and residual networks on CIFAR-10 in your browser and watch what He et al. (2015) found: deeper plain
          networks train <em>worse</em>; with shortcuts, deeper trains better.
        </p>
      </header>
      <Notices />
      <StatusBar />
      <main className="app-main">
        <aside className="app-side">
          <ControlPanel config={config} errors={errors} onChange={setConfig} locked={running} />
          <RunControls blockedReason={blockedReason} onTrain={() => store.dispatch({ type: 'runsQueued', runs: [{ runId: newRunId(), config }], createdAt: Date.now() })} />
          <DatasetLoader />
        </aside>
        <div className="app-content">
          <ErrorChart />
          <VerdictCard />
          <RunList />
        </div>
      </main>
    </div>
  );
}
