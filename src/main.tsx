import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { experimentFromQuery } from './experiment/experimentUrl';
import { AppServicesContext } from './state/appContext';
import { servedDataUrl } from './state/appState';
import { openCheckpointStore } from './checkpoint/checkpointStore';
import { startCheckpointSync } from './state/checkpointSync';
import { startHistorySync } from './state/historySync';
import { startTabSync } from './state/tabSync';
import { webTrainingLock } from './state/trainingLock';
import { startQueueRunner } from './state/queueRunner';
import { startSpeedMemory } from './state/speedMemory';
import { startKernelMemory } from './state/kernelMemory';
import { openRunHistory } from './state/runHistory';
import { startReachedIterationMemory, withReachedIterations } from './state/reachedIterations';
import { Store } from './state/store';
import { TrainingClient } from './state/trainingClient';
import { configFromQuery } from './state/urlConfig';
import './styles.css';
import { followSystemTheme } from './theme';

// Before the first render, so a dark system never flashes the light theme.
followSystemTheme();

// Paced publishes render and settle in their own task: one changed frame per publish (store.ts).
const store = new Store(undefined, flushSync);
const client = new TrainingClient(store);
startSpeedMemory(store, browserStorage());
startKernelMemory(store, client, browserStorage());
// Fault injection from the console or a test: residualPlayground.injectFault('loseGpuDevice' | 'hang' | 'terminate').
(window as unknown as { residualPlayground: unknown }).residualPlayground = {
  injectFault: (fault: Parameters<TrainingClient['injectFault']>[0], heartbeatTimeoutMs?: number) => client.injectFault(fault, heartbeatTimeoutMs),
};
const fromUrl = configFromQuery(window.location.search);
const experimentFromUrl = experimentFromQuery(window.location.search);
[...fromUrl.problems, ...experimentFromUrl.problems].forEach((message) => store.dispatch({ type: 'notice', scope: 'url', message }));
client.init(servedDataUrl(), fromUrl.backends, fromUrl.kernels, fromUrl.gpuKeys);
// The queue runner below waits for the history (historyLoaded) before it starts anything.
// Only one tab trains at a time; a run another tab is training is followed here, not marked interrupted.
const trainingLock = webTrainingLock();
const trainingElsewhere = trainingLock.heldElsewhere();
startTabSync(store, client, trainingLock, trainingElsewhere);
// An interrupted run names the iteration it had reached, not only its last stored point (reachedIterations.ts).
startReachedIterationMemory(store, browserStorage());
const historySync = openRunHistory().then(
  (history) => startHistorySync(store, history && withReachedIterations(history, browserStorage())),
  (failure: unknown) => startHistorySync(store, null, failure),
);
void openCheckpointStore().then(
  (checkpoints) => startCheckpointSync(store, checkpoints, historySync.then((sync) => sync.restored), historySync.then((sync) => sync.keptAside)),
  () => undefined, // the worker says so when a run cannot save checkpoints
);
startQueueRunner(store, client, trainingLock);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppServicesContext.Provider value={{ store, client }}>
      <App
        initialConfig={fromUrl.config}
        initialChoice={{ mode: experimentFromUrl.mode, members: experimentFromUrl.members, retrainFinished: false }}
        backends={fromUrl.backends}
        kernels={fromUrl.kernels}
        gpuKeys={fromUrl.gpuKeys}
      />
    </AppServicesContext.Provider>
  </StrictMode>,
);

/** localStorage, or null where the browser blocks it (then speeds are measured again after a reload). */
function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
