import { activeRun, isStopping } from '../state/appState';
import { displayedRunName } from '../state/runDisplayName';
import { useAppState } from '../state/appContext';
import type { DataStatus } from '../protocol';
import { formatMegabytes } from '../data/progress';
import { formatDuration, formatRate } from './format';
import { expectedSeconds } from '../engine/wallTime';
import { speedEstimate } from './longRunWarning';
import { ResumeBanner } from './ResumeBanner';
import { progressAnnouncement, runActivity } from './runActivity';
import { backendExplanation, RUN_FIGURES_EXPLANATION } from './statusExplanations';
import { useChangedAt, useNow } from './useNow';

const BACKEND_LABEL = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' } as const;

function dataText(data: DataStatus): string {
  switch (data.state) {
    case 'unknown':
      return 'Dataset: not checked yet';
    case 'loading':
      return data.message;
    case 'ready': {
      const from = { served: 'from the server', 'browser-cache': 'from this browser’s cache', 'user-files': 'from your files' }[data.source];
      return `CIFAR-10 ready ${from}: ${data.trainImages.toLocaleString('en-US')} training, ${data.testImages.toLocaleString('en-US')} test images`;
    }
    case 'missing':
    case 'error':
      return data.message;
  }
}

/** Which backend runs and why not a faster one; the dataset; the current run's progress, speed and ETA. */
export function StatusBar() {
  const backend = useAppState((state) => state.backend);
  const data = useAppState((state) => state.data);
  const run = useAppState(activeRun);
  const checkpoints = useAppState((state) => state.checkpoints);
  const inAnotherTab = useAppState((state) => run !== undefined && state.remoteRunId === run.id);
  // An experiment's runs train one after another: say which one this is, as the queue may be out of sight.
  const experimentPosition = useAppState((state) => {
    if (!run?.experimentId) return '';
    const members = state.runs.filter((other) => other.experimentId === run.experimentId);
    return members.length > 1 ? ` (run ${members.findIndex((other) => other.id === run.id) + 1} of ${members.length})` : '';
  });
  const stopping = useAppState((state) => run !== undefined && isStopping(state, run));
  const speeds = useAppState((state) => state.speeds);
  const checkpoint = run ? checkpoints[run.id] : undefined;
  const live = run?.live;
  const total = run?.totalIterations;
  // Counts seconds between the worker's reports: a step or a shader compilation can outlast a second.
  const now = useNow(run !== undefined);
  const reportedAt = useChangedAt(run ? `${run.id}|${run.state}|${run.phase}|${live?.iteration}|${run.evaluatingImages}` : null);
  const activity = run ? runActivity(run, now - reportedAt, backend?.name === 'webgpu' || backend?.name === 'webgl', { stopping }) : null;
  // Before the first step has finished the worker has no ETA; a speed measured on this device (the guide's or
  // "Measure speed") gives the whole run's length meanwhile.
  const speed = run && !live && backend ? speedEstimate(run.config, backend.name, speeds) : null;
  const expected = speed && data.state === 'ready' ? expectedSeconds(run!.config, data.trainImages, data.testImages, speed.speed, { trainingCompiled: speed.speed.measuredThisPage === true }) : null;
  return (
    // tabIndex -1: Resume and Train move the keyboard here (focusStatus.ts), where the run's progress shows.
    <section className="status-bar" aria-label="Status" id="status" tabIndex={-1}>
      <ResumeBanner />
      <div className="status-item">
        <span
          className={`badge badge-${backend?.name ?? 'pending'}`}
          data-testid="backend-badge"
          title={backend ? `${backend.detail}\n${backend.fallbackReasons.join('\n')}` : undefined}
        >
          {backend ? BACKEND_LABEL[backend.name] : 'Choosing backend…'}
        </span>
        {backend ? <span className="status-detail">{backend.detail}</span> : null}
        {backend ? <Explanation lines={backendExplanation(backend.name, backend.detail)} testId="backend-explanation" /> : null}
        {backend && backend.fallbackReasons.length > 0 ? (
          <span className="status-warning" data-testid="fallback-reason">
            Slower fallback. {backend.fallbackReasons.join(' ')}
          </span>
        ) : null}
      </div>
      <div className={`status-item data-${data.state}`} data-testid="data-status">
        <span>{dataText(data)}</span>
        {data.state === 'loading' && data.progress !== null ? (
          <progress max={1} value={data.progress} aria-label="Dataset loading" />
        ) : null}
      </div>
      {run ? (
        <div className="status-item" data-testid="run-status">
          <span data-testid="run-activity">
            {activity!.doing}
            {run.state === 'starting' || run.phase ? '' : ` ${displayedRunName(run)}`}
            {experimentPosition}
            {inAnotherTab ? ' in another tab of this page (followed here; Pause and Stop act there)' : ''}
            {live && total ? ` · iteration ${live.iteration.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}` : ''}
            {live ? ` · epoch ${live.epoch.toFixed(2)} · lr ${live.learningRate}` : ''}
            {expected !== null ? ` · the whole run: about ${formatDuration(expected)} on this device${speed!.from ? ` (estimated from ${speed!.from}’s measured speed)` : ''}` : ''}
          </span>
          <progress max={total ?? 1} value={live?.iteration ?? 0} aria-label="Training progress" />
          {live ? (
            <span className="status-detail" data-testid="run-resources">
              {formatRate(live.imagesPerSecond)} · ETA {activity!.etaSeconds === null ? 'not known yet' : formatDuration(activity!.etaSeconds)}
              {activity!.stepRunningSeconds !== null ? ` · this step running for ${activity!.stepRunningSeconds} s` : ''} · {live.tensorsAlive} tensors
              {live.gpuBytes !== null ? ` · ${formatMegabytes(live.gpuBytes)} on the GPU` : ''}
            </span>
          ) : null}
          {checkpoint ? (
            <span className="status-detail" data-testid="run-checkpoint-live" title="A reload, a closed tab or a crash resumes from here.">
              checkpoint at iteration {checkpoint.iteration.toLocaleString('en-US')}
            </span>
          ) : null}
          {live ? <Explanation lines={RUN_FIGURES_EXPLANATION} testId="run-explanation" /> : null}
        </div>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="progress-announcement">
        {run ? progressAnnouncement(displayedRunName(run), run, { stopping }) : ''}
      </p>
    </section>
  );
}

/** Terms explained on demand: a <details> is reached with Tab and read by screen readers, unlike a title. */
function Explanation({ lines, testId }: { lines: readonly string[]; testId: string }) {
  return (
    <details className="status-explanation" data-testid={testId}>
      <summary>What does this mean?</summary>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </details>
  );
}
