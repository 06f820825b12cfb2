import { useState } from 'react';
import { formatDuration } from '../components/format';
import { useAppState, useServices } from '../state/appContext';
import { speedKey } from '../engine/speedKey';
import type { TrainConfig } from '../config';
import { BlockDiagram } from './BlockDiagram';
import { measureDevice, type DeviceSpeed, type MeasureProgress, LOWER_BOUND_BATCH } from './measureDevice';
import { ProposalCard } from './ProposalCard';
import { BUDGET_MINUTES, sizeExperiment, smallestVersionAtLeastSeconds, smallestVersionSteps, type Proposal } from './sizeExperiment';

export interface FirstVisitActions {
  /** Queue the proposal's networks (and show their settings in the form). */
  run: (proposal: Proposal) => void;
  /** Queue the micro smoke-test network: the training loop, not the finding. */
  runTinyDemo: () => void;
  /** Put the PyTorch reference curves on the chart. */
  showReference: () => void;
  /** Leave this path for the full controls. */
  openControls: (proposal?: Proposal) => void;
}

/** The first screen of a first visit: the paper's question in plain words and one picture, then one button that
 *  measures this device and proposes the largest honest version of the experiment that fits the time picked. */
export function FirstVisit({ actions }: { actions: FirstVisitActions }) {
  const { client } = useServices();
  const backend = useAppState((state) => state.backend);
  const data = useAppState((state) => state.data);
  const speeds = useAppState((state) => state.speeds);
  const [budgetMinutes, setBudgetMinutes] = useState<number>(15);
  const [progress, setProgress] = useState<MeasureProgress | null>(null);
  const [device, setDevice] = useState<DeviceSpeed | null>(null);
  const ready = backend !== null && data.state === 'ready';
  const trainImages = data.state === 'ready' ? data.trainImages : 0;
  const testImages = data.state === 'ready' ? data.testImages : 0;

  const start = async () => {
    if (!backend) return;
    setDevice(null);
    setProgress({ done: 0, total: 1, doing: 'starting' });
    const known = (config: TrainConfig) => speeds[speedKey(config, backend.name)];
    const largest = Math.max(...BUDGET_MINUTES) * 60;
    const result = await measureDevice((config) => client.measureSpeed(config), known, largest, trainImages, setProgress);
    setProgress(null);
    setDevice(result);
  };

  const sizing = device?.kind === 'measured' ? sizeExperiment((depth) => device.speedOfDepth[depth], budgetMinutes * 60, trainImages, testImages) : null;

  return (
    <section className="first-visit" aria-labelledby="first-visit-title" data-testid="first-visit">
      <div className="first-visit-story">
        <h2 id="first-visit-title">Why would a deeper network train worse?</h2>
        <p>
          A deeper network can do everything a shallower one can: its extra layers could just pass their input through. Yet He et al.
          (2015) found that a 56-layer plain network ends with a <em>higher training error</em> than a 20-layer one: the degradation
          problem.
        </p>
        <p>
          Their fix: let each block learn only a change F(x) and add its input back, <strong>y = F(x) + x</strong>. Passing the input
          through is then easy (F = 0), and depth helps again. Train both kinds here, on your own GPU, and watch it happen.
        </p>
      </div>
      <BlockDiagram />
      <div className="first-visit-action">
        <div className="budget-choice" role="group" aria-label="How long can you wait?">
          <span className="budget-label">How long can you wait?</span>
          {BUDGET_MINUTES.map((minutes) => (
            <button
              key={minutes}
              type="button"
              className={`chip${budgetMinutes === minutes ? ' chip-on' : ''}`}
              aria-pressed={budgetMinutes === minutes}
              onClick={() => setBudgetMinutes(minutes)}
            >
              {budgetMinutes === minutes ? <span aria-hidden="true">✓ </span> : null}
              {minutes} min
            </button>
          ))}
        </div>
        {device === null && progress === null ? (
          <div className="first-visit-buttons">
            <button type="button" className="primary big" onClick={start} disabled={!ready}>
              Show me the degradation problem
            </button>
            <button type="button" className="link-button" onClick={() => actions.openControls()}>
              Skip: open the full controls
            </button>
            {!ready ? <p className="first-visit-wait">Waiting for CIFAR-10 and a GPU backend (see the status above)…</p> : null}
          </div>
        ) : null}
        {progress ? (
          <div className="first-visit-measuring" data-testid="first-visit-measuring">
            <p role="status">
              Measuring this device's speed: timing a few training steps of {progress.doing}…
            </p>
            <progress max={progress.total} value={progress.done} aria-label="Speed measurement" />
          </div>
        ) : null}
        {device?.kind === 'failed' ? (
          <p className="first-visit-error" role="alert">
            The speed could not be measured: {device.error}{' '}
            <button type="button" onClick={start}>
              Try again
            </button>
          </p>
        ) : null}
        {device?.kind === 'tooSlow' ? <TooSlow lowerBoundMsPerStep={device.lowerBoundMsPerStep} trainImages={trainImages} actions={actions} backendDetail={backend?.detail ?? ''} /> : null}
        {sizing?.fits ? <ProposalCard proposal={sizing.proposal} budgetMinutes={budgetMinutes} speeds={device?.kind === 'measured' ? device.speedOfDepth : {}} actions={actions} /> : null}
        {sizing && !sizing.fits ? (
          <NotInBudget smallestSeconds={sizing.smallest.seconds} budgetMinutes={budgetMinutes} onPick={setBudgetMinutes} actions={actions} />
        ) : null}
      </div>
    </section>
  );
}

function TooSlow({
  lowerBoundMsPerStep,
  trainImages,
  actions,
  backendDetail,
}: {
  lowerBoundMsPerStep: number;
  trainImages: number;
  actions: FirstVisitActions;
  backendDetail: string;
}) {
  const atLeast = smallestVersionAtLeastSeconds(lowerBoundMsPerStep, trainImages);
  return (
    <div className="first-visit-result" data-testid="first-visit-too-slow">
      <h3>This device is too slow for the real experiment</h3>
      <p>
        One plain-20 training step on {LOWER_BOUND_BATCH} images (the paper's batch) took <strong>{(lowerBoundMsPerStep / 1000).toFixed(1)} s</strong> here
        {backendDetail ? ` (${backendDetail})` : ''}. The smallest honest version, plain-20 and plain-56 for one epoch ({smallestVersionSteps(trainImages).toLocaleString('en-US')} steps of
        128 images), would take <strong>at least {formatDuration(atLeast)}</strong>, longer than the longest time offered. A laptop or desktop GPU
        does it in minutes.
      </p>
      <div className="first-visit-buttons">
        <button type="button" className="primary" onClick={actions.showReference}>
          Show the PyTorch reference curves instead
        </button>
        <button type="button" onClick={actions.runTinyDemo}>
          Run a tiny demo anyway
        </button>
        <button type="button" className="link-button" onClick={() => actions.openControls()}>
          Open the full controls
        </button>
      </div>
      <p className="first-visit-note">
        The reference curves are the same experiment measured with PyTorch on a data-centre GPU, labelled as such on the chart. The tiny demo
        trains an 8-layer network with 4 filters on 64 images: it shows the training loop at work, not the paper's finding.
      </p>
    </div>
  );
}

function NotInBudget({
  smallestSeconds,
  budgetMinutes,
  onPick,
  actions,
}: {
  smallestSeconds: number;
  budgetMinutes: number;
  onPick: (minutes: number) => void;
  actions: FirstVisitActions;
}) {
  const enough = BUDGET_MINUTES.find((minutes) => minutes * 60 >= smallestSeconds);
  return (
    <div className="first-visit-result" data-testid="first-visit-not-in-budget">
      <p>
        In {budgetMinutes} minutes nothing honest fits here: the smallest version (plain-20 and plain-56, one epoch each) takes about{' '}
        <strong>{formatDuration(smallestSeconds)}</strong> on this device.
      </p>
      <div className="first-visit-buttons">
        {enough !== undefined ? (
          <button type="button" className="primary" onClick={() => onPick(enough)}>
            Give it {enough} minutes
          </button>
        ) : (
          <button type="button" className="primary" onClick={actions.showReference}>
            Show the PyTorch reference curves instead
          </button>
        )}
        <button type="button" onClick={actions.runTinyDemo}>
          Run a tiny demo anyway
        </button>
      </div>
    </div>
  );
}
