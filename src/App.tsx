import type { KernelMode } from './model/kernels/kernelMode';
import { useEffect, useMemo, useState } from 'react';
import { modelName, type TrainConfig } from './config';
import { describeConfigErrors, validateConfig, type ConfigErrors } from './configValidation';
import { experimentPresetById } from './experiment/experimentPresets';
import { experimentToParams } from './experiment/experimentUrl';
import { planExperiment, type ExperimentPlan } from './experiment/planExperiment';
import type { BackendName } from './protocol';
import { useAppState, useServices } from './state/appContext';
import { runName } from './state/appState';
import { newRunId } from './state/runIds';
import { configToQuery } from './state/urlConfig';
import { ChartExport } from './components/ChartExport';
import { ControlPanel } from './components/ControlPanel';
import { DatasetLoader } from './components/DatasetLoader';
import { ErrorChart } from './components/ErrorChart';
import { ExperimentPanel, type ExperimentChoice } from './components/ExperimentPanel';
import { Notices } from './components/Notices';
import { QueuePanel } from './components/QueuePanel';
import { RunControls } from './components/RunControls';
import { RunList } from './components/RunList';
import { SectionBoundary } from './components/SectionBoundary';
import { StatusBar } from './components/StatusBar';
import { VerdictCard } from './components/VerdictCard';
import { WallTimeEstimate } from './components/WallTimeEstimate';

interface AppProps {
  initialConfig: TrainConfig;
  initialChoice: ExperimentChoice;
  backends?: BackendName[];
  /** ?kernels=reference: kept in the URL the page rewrites. */
  kernels?: KernelMode;
}

/** Page layout, the set-up being edited (recipe + experiment), and keeping it in the URL. */
export function App({ initialConfig, initialChoice, backends, kernels }: AppProps) {
  const { store } = useServices();
  const [config, setConfig] = useState(initialConfig);
  const [choice, setChoice] = useState(initialChoice);
  const errors = useMemo(() => validateConfig(config), [config]);
  const valid = Object.keys(errors).length === 0;
  const data = useAppState((state) => state.data);
  const backend = useAppState((state) => state.backend);
  const runs = useAppState((state) => state.runs);
  const single = choice.mode === 'single';
  const members = useMemo(() => (single ? [config.model] : choice.members), [single, config.model, choice.members]);
  const plan = useMemo(
    () => (valid ? planExperiment(config, members, runs, backend?.name ?? null, { retrainFinished: choice.retrainFinished }) : null),
    [valid, config, members, runs, backend, choice.retrainFinished],
  );

  // A valid set-up is written into the URL, so the address bar is always a link that reproduces it.
  useEffect(() => {
    if (!valid) return;
    const params = new URLSearchParams(configToQuery(config, backends, kernels));
    experimentToParams(choice, params);
    window.history.replaceState(null, '', `?${params.toString()}`);
  }, [config, choice, valid, backends, kernels]);

  const blockedReason = whyNothingCanBeQueued({ errors, valid, memberCount: members.length, plan, dataReady: data.state === 'ready', backendReady: backend !== null });

  const queueCount = plan?.toQueue.length ?? 0;
  const actionLabel = single ? 'Train' : `Run experiment (${queueCount} ${queueCount === 1 ? 'run' : 'runs'})`;

  const queuePlan = () => {
    if (!plan) return;
    const experimentId = single ? undefined : `${experimentPresetById(choice.mode)?.label ?? 'My list'} · ${new Date().toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}`;
    if (plan.toQueue.length > 0) {
      store.dispatch({ type: 'runsQueued', runs: plan.toQueue.map((runConfig) => ({ runId: newRunId(), config: runConfig, experimentId })), createdAt: Date.now() });
    }
    plan.reused.forEach((run) => store.dispatch({ type: 'runVisibilitySet', runId: run.id, hidden: false }));
    if (plan.reused.length > 0) {
      store.dispatch({
        type: 'notice',
        scope: 'experiment',
        message: `Not trained again: ${plan.reused.map(runName).join(', ')} already finished here with identical settings, so ${plan.reused.length === 1 ? 'its curves are' : 'their curves are'} shown. Tick “Train again” to retrain.`,
      });
    }
    if (plan.toQueue.length === 0 && plan.pending.length > 0) {
      store.dispatch({ type: 'notice', scope: 'experiment', message: `Already queued or training: ${plan.pending.map((run) => modelName(run.config.model)).join(', ')}.` });
    }
  };

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
          <SectionBoundary name="The settings">
            <ExperimentPanel choice={choice} onChange={setChoice} recipe={config} plan={plan} />
            <ControlPanel config={config} errors={errors} onChange={setConfig} locked={false} showNetwork={single} />
            <RunControls actionLabel={actionLabel} blockedReason={blockedReason} onAction={queuePlan} />
            <WallTimeEstimate configs={plan?.toQueue ?? []} recipe={valid ? config : null} />
          </SectionBoundary>
          <SectionBoundary name="The queue">
            <QueuePanel />
          </SectionBoundary>
          <SectionBoundary name="The dataset panel">
            <DatasetLoader />
          </SectionBoundary>
        </aside>
        <div className="app-content">
          <SectionBoundary name="The chart">
            <ErrorChart actions={(chart) => <ChartExport {...chart} />} />
          </SectionBoundary>
          <SectionBoundary name="The verdict">
            <VerdictCard />
          </SectionBoundary>
          <SectionBoundary name="The run list">
            <RunList />
          </SectionBoundary>
        </div>
      </main>
    </div>
  );
}

/** Why pressing the main button would do nothing now, in words; null when it would queue something. */
function whyNothingCanBeQueued(situation: {
  errors: ConfigErrors;
  valid: boolean;
  memberCount: number;
  plan: ExperimentPlan | null;
  dataReady: boolean;
  backendReady: boolean;
}): string | null {
  const { errors, valid, memberCount, plan, dataReady, backendReady } = situation;
  if (!valid) return `Fix the settings first: ${describeConfigErrors(errors)}`;
  if (memberCount === 0) return 'Add at least one network to the experiment.';
  if (plan && plan.toQueue.length === 0) {
    return plan.pending.length > 0
      ? 'Everything listed is already queued or training.'
      : memberCount === 1
        ? 'This network already finished here with these settings (its curves are kept): tick “Train again” to retrain.'
        : 'Every network listed already finished here with these settings (their curves are kept): tick “Train again” to retrain.';
  }
  if (!dataReady) return 'Waiting for CIFAR-10 (see the status above).';
  if (!backendReady) return 'Waiting for a GPU backend.';
  return null;
}
