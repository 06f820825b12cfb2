import type { GpuKeys } from './state/urlConfig';
import type { KernelMode } from './model/kernels/kernelMode';
import { useEffect, useMemo, useState } from 'react';
import { modelName, type TrainConfig } from './config';
import { describeConfigErrors, validateConfig, type ConfigErrors } from './configValidation';
import { experimentPresetById } from './experiment/experimentPresets';
import { experimentToParams } from './experiment/experimentUrl';
import { planExperiment, type ExperimentPlan } from './experiment/planExperiment';
import { exportedExperiment } from './runElsewhere/exportedExperiment';
import type { BackendName } from './protocol';
import { useAppState, useServices } from './state/appContext';
import { displayedRunName } from './state/runDisplayName';
import { newRunId } from './state/runIds';
import { runRosterSelector } from './state/runRoster';
import { dataAllowsSomeRuns } from './data/availability';
import { configToQuery } from './state/urlConfig';
import { ChartExport } from './components/ChartExport';
import { ControlPanel } from './components/ControlPanel';
import { DatasetLoader } from './components/DatasetLoader';
import { DiagnosticsSection } from './components/diagnostics/DiagnosticsSection';
import { ErrorChart, useChartView } from './components/ErrorChart';
import { ExperimentPanel, type ExperimentChoice } from './components/ExperimentPanel';
import { Notices } from './components/Notices';
import { QueuePanel } from './components/QueuePanel';
import { RunControls } from './components/RunControls';
import { RunList } from './components/RunList';
import { SectionBoundary } from './components/SectionBoundary';
import { StatusBar } from './components/StatusBar';
import { VerdictCard } from './components/VerdictCard';
import { WallTimeEstimate } from './components/WallTimeEstimate';
import { ThemeToggle } from './components/ThemeToggle';
import { FirstVisit } from './firstVisit/FirstVisit';
import { isBareAddress } from './firstVisit/firstVisitMemory';
import { ProposalTracker } from './firstVisit/ProposalTracker';
import { useGuide } from './firstVisit/useGuide';
import { mainActionLabel } from './mainActionLabel';

interface AppProps {
  initialConfig: TrainConfig;
  initialChoice: ExperimentChoice;
  backends?: BackendName[];
  /** ?kernels=reference: kept in the URL the page rewrites. */
  kernels?: KernelMode;
  /** ?autotune= and ?kernel=: kept in the URL the page rewrites. */
  gpuKeys?: GpuKeys;
}

/** Page layout, the set-up being edited (recipe + experiment), and keeping it in the URL. */
export function App({ initialConfig, initialChoice, backends, kernels, gpuKeys }: AppProps) {
  const { store } = useServices();
  const [config, setConfig] = useState(initialConfig);
  const [choice, setChoice] = useState(initialChoice);
  const errors = useMemo(() => validateConfig(config), [config]);
  const valid = Object.keys(errors).length === 0;
  const data = useAppState((state) => state.data);
  const backend = useAppState((state) => state.backend);
  // The runs as a roster (runRoster.ts): the same array through progress reports, so the page, with its settings
  // form, is not re-rendered on every published snapshot of a training run (issue 20, finding 2).
  const [selectRoster] = useState(runRosterSelector);
  const runs = useAppState(selectRoster);
  const historyLoaded = useAppState((state) => state.historyLoaded);
  const [chartView, setChartView] = useChartView();
  const [bareAddress] = useState(() => isBareAddress(window.location.search));
  /** null: the default (closed while the first-visit path shows, open otherwise); else what the user chose. */
  const [settingsChoice, setSettingsChoice] = useState<boolean | null>(null);
  const guide = useGuide({
    historyLoaded,
    runCount: runs.length,
    bareAddress,
    chartView,
    setChartView,
    setConfig,
    setChoice,
    setSettingsOpen: setSettingsChoice,
    showRunStatus,
    experimentIdFor,
  });
  const { firstVisit, mayBeFirstVisit } = guide;
  const settingsOpen = settingsChoice ?? !firstVisit;
  const single = choice.mode === 'single';
  const members = useMemo(() => (single ? [config.model] : choice.members), [single, config.model, choice.members]);
  const plan = useMemo(
    () => (valid ? planExperiment(config, members, runs, backend?.name ?? null, { retrainFinished: choice.retrainFinished }) : null),
    [valid, config, members, runs, backend, choice.retrainFinished],
  );

  // A valid set-up is written into the URL, so the address bar is always a link that reproduces it; not while the
  // first-visit path shows (nothing was set up yet, and a reload must greet the visitor again, not open the form).
  useEffect(() => {
    if (!valid || mayBeFirstVisit) return;
    const params = new URLSearchParams(configToQuery(config, backends, kernels, gpuKeys));
    experimentToParams(choice, params);
    window.history.replaceState(null, '', `?${params.toString()}`);
  }, [config, choice, valid, backends, kernels, gpuKeys, mayBeFirstVisit]);

  // Everything listed, even what already finished here: elsewhere is for the full length and more seeds.
  const exported = useMemo(
    () => (valid && members.length > 0 ? exportedExperiment(choice.mode, choice.members, config) : null),
    [valid, members.length, choice.mode, choice.members, config],
  );

  const blockedReason = whyNothingCanBeQueued({ errors, valid, memberCount: members.length, plan, dataReady: dataAllowsSomeRuns(data), backendReady: backend !== null });

  const actionLabel = mainActionLabel(single, plan);

  const queuePlan = () => {
    if (!plan) return;
    showRunStatus();
    const experimentId = single ? undefined : experimentIdFor(experimentPresetById(choice.mode)?.label ?? 'My list');
    if (plan.toQueue.length > 0) {
      store.dispatch({ type: 'runsQueued', runs: plan.toQueue.map((runConfig) => ({ runId: newRunId(), config: runConfig, experimentId })), createdAt: Date.now() });
    }
    plan.reused.forEach((run) => store.dispatch({ type: 'runVisibilitySet', runId: run.id, hidden: false }));
    if (plan.reused.length > 0) {
      store.dispatch({
        type: 'notice',
        scope: 'experiment',
        message: `Not trained again: ${plan.reused.map(displayedRunName).join(', ')} already finished here with identical settings, so ${plan.reused.length === 1 ? 'its curves are' : 'their curves are'} shown. Tick “Train again” to retrain.`,
      });
    }
    if (plan.toQueue.length === 0 && plan.pending.length > 0) {
      store.dispatch({ type: 'notice', scope: 'experiment', message: `Already queued or training: ${plan.pending.map((run) => modelName(run.config.model)).join(', ')}.` });
    }
  };

  return (
    <div className="app">
      <a className="skip-link" href="#chart">
        Skip to the chart
      </a>
      <header className="app-header">
        <div>
          <h1>Residual learning playground</h1>
          <p>
            Train plain and residual networks on CIFAR-10 in your browser and watch what He et al. (2015) found: deeper plain
            networks train <em>worse</em>; with shortcuts, deeper trains better.
          </p>
        </div>
        <div className="app-header-actions">
          {firstVisit ? null : (
            <button
              type="button"
              id="guide-toggle"
              className="guide-toggle"
              aria-expanded={guide.reopened}
              aria-controls={guide.reopened ? 'first-visit' : undefined}
              onClick={guide.reopened ? guide.closeReopened : guide.reopen}
            >
              {guide.reopened ? 'Hide the guide' : 'The guide: why deeper trains worse'}
            </button>
          )}
          <ThemeToggle />
        </div>
      </header>
      <Notices />
      <StatusBar />
      <main className={`app-main${settingsOpen ? '' : ' settings-closed'}`}>
        <aside className="app-side" aria-label="Settings">
          <button
            type="button"
            className="settings-toggle"
            aria-expanded={settingsOpen}
            aria-controls="settings-panel"
            onClick={() => setSettingsChoice(!settingsOpen)}
          >
            {settingsOpen ? '◂ Hide the settings' : '▸ Settings, queue and data'}
          </button>
          <div id="settings-panel" hidden={!settingsOpen}>
            <SectionBoundary name="The settings">
              <ExperimentPanel choice={choice} onChange={setChoice} recipe={config} plan={plan} />
              <ControlPanel config={config} errors={errors} onChange={setConfig} locked={false} showNetwork={single} />
              <WallTimeEstimate configs={plan?.toQueue ?? []} recipe={valid ? config : null} />
            </SectionBoundary>
            <SectionBoundary name="The queue">
              <QueuePanel />
            </SectionBoundary>
            <SectionBoundary name="The dataset panel">
              <DatasetLoader />
            </SectionBoundary>
          </div>
          {/* Sticks to the bottom of the window while the settings scroll past, so Train is always at hand. */}
          <div className="run-bar" hidden={firstVisit}>
            <SectionBoundary name="The run controls">
              <RunControls
                actionLabel={actionLabel}
                blockedReason={blockedReason}
                onAction={queuePlan}
                exported={exported}
                plannedConfigs={plan?.toQueue}
                onShortenRecipe={(change) => setConfig((current) => ({ ...current, ...change }))}
              />
            </SectionBoundary>
          </div>
        </aside>
        <div className="app-content">
          {guide.guideShown ? (
            <SectionBoundary name="The first-visit guide">
              <FirstVisit actions={guide.actions} onClose={guide.reopened ? guide.closeReopened : undefined} />
            </SectionBoundary>
          ) : null}
          {guide.tracked ? (
            <SectionBoundary name="The proposal">
              <ProposalTracker tracked={guide.tracked} onClose={guide.closeTracked} />
            </SectionBoundary>
          ) : null}
          <SectionBoundary name="The chart">
            <div id="chart" tabIndex={-1} className="chart-anchor">
              <ErrorChart view={chartView} onViewChange={setChartView} actions={(chart) => <ChartExport {...chart} />} />
            </div>
          </SectionBoundary>
          <SectionBoundary name="The verdict">
            <VerdictCard focus={guide.focus} referenceId={chartView.referenceId} />
          </SectionBoundary>
          <SectionBoundary name="The diagnostics">
            <DiagnosticsSection />
          </SectionBoundary>
          <SectionBoundary name="The run list">
            <RunList />
          </SectionBoundary>
        </div>
      </main>
    </div>
  );
}

/** An experiment's runs share this id: its name and when it was queued, as the run list shows it. */
function experimentIdFor(name: string): string {
  return `${name} · ${new Date().toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}`;
}

/** Brings the status bar (progress, speed, ETA) and the chart below it into view: Train may have been pressed far
 *  down the settings, or on a phone, below them. */
function showRunStatus(): void {
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  requestAnimationFrame(() => document.getElementById('status')?.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' }));
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
