import { useEffect, useRef, useState } from 'react';
import { useAppState, useServices } from '../state/appContext';
import { speedKey } from '../engine/speedKey';
import type { TrainConfig } from '../config';
import { BlockDiagram } from './BlockDiagram';
import { datasetCounts } from './datasetCounts';
import { NotInBudget, TooSlow } from './FirstVisitAnswers';
import { measureDevice, type DeviceSpeed, type MeasureProgress } from './measureDevice';
import { ProposalCard } from './ProposalCard';
import { BUDGET_MINUTES, sizeExperiment, type Proposal } from './sizeExperiment';
import { hasNoGpu } from './softwareAdapter';

export interface FirstVisitActions {
  /** Queue the proposal's networks (and show their settings in the form); the proposal stays on screen. */
  run: (proposal: Proposal, budgetMinutes: number) => void;
  /** Queue the micro smoke-test pair (plain-8, ResNet-8) beside the reference curves: the loop, not the finding. */
  runTinyDemo: () => void;
  /** Put the PyTorch reference curves on the chart, and their finding in the verdict. */
  showReference: () => void;
  /** Leave this path for the full controls. */
  openControls: (proposal?: Proposal) => void;
}

/** The first screen of a first visit (and the guide, reopened later): the paper's question in plain words and one
 *  picture, then one button that measures this device and proposes the largest honest version of the experiment
 *  that fits the time picked. The measurement needs a backend only, not the dataset: it times synthetic batches. */
export function FirstVisit({ actions, onClose }: { actions: FirstVisitActions; /** Set when reopened: closes the guide. */ onClose?: () => void }) {
  const { client } = useServices();
  const backend = useAppState((state) => state.backend);
  const data = useAppState((state) => state.data);
  const speeds = useAppState((state) => state.speeds);
  const [budgetMinutes, setBudgetMinutes] = useState<number>(15);
  const [progress, setProgress] = useState<MeasureProgress | null>(null);
  const [device, setDevice] = useState<DeviceSpeed | null>(null);
  const { trainImages, testImages } = datasetCounts(data);
  const dataReady = data.state === 'ready';
  const titleRef = useRef<HTMLHeadingElement>(null);
  const measuringRef = useRef<HTMLParagraphElement>(null);
  const answerRef = useRef<HTMLHeadingElement>(null);
  const failedRef = useRef<HTMLParagraphElement>(null);

  // Reopened from the header: the reader lands on the question, not on the page's body.
  useEffect(() => {
    if (onClose) titleRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the reopened guide appears
  }, []);
  // Focus follows the path: to the measuring status when it starts, to the answer's heading when it comes (the
  // button pressed is gone by then, and focus must not fall to the body).
  const measuring = progress !== null;
  useEffect(() => {
    if (measuring) measuringRef.current?.focus();
  }, [measuring]);
  useEffect(() => {
    if (device) (device.kind === 'failed' ? failedRef : answerRef).current?.focus();
  }, [device]);

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
  const noGpu = hasNoGpu(backend);
  const announcement =
    device?.kind === 'tooSlow'
      ? noGpu
        ? 'Answer: this browser has no GPU to train with; the real experiment would take hours here.'
        : 'Answer: this device is too slow for the real experiment.'
      : device?.kind === 'failed'
        ? ''
        : sizing?.fits
          ? `Answer: a proposal for ${budgetMinutes} minutes is ready.`
          : sizing
            ? `Answer: nothing honest fits in ${budgetMinutes} minutes here.`
            : '';

  return (
    <section className="first-visit" id="first-visit" aria-labelledby="first-visit-title" data-testid="first-visit">
      <div className="first-visit-story">
        <h2 id="first-visit-title" ref={titleRef} tabIndex={-1}>
          Why would a deeper network train worse?
        </h2>
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
            <button type="button" className="primary big" onClick={start} disabled={backend === null}>
              Show me the degradation problem
            </button>
            <button type="button" className="link-button" onClick={() => (onClose ? onClose() : actions.openControls())}>
              {onClose ? 'Close the guide' : 'Skip: open the full controls'}
            </button>
            {backend === null ? <p className="first-visit-wait">Waiting for a GPU backend (see the status above)…</p> : null}
            {backend !== null && !dataReady ? (
              <p className="first-visit-wait" data-testid="first-visit-data-wait">
                CIFAR-10 is still downloading (see the status above). You can measure this device meanwhile: the measurement needs no images, and
                runs start once the download has finished.
              </p>
            ) : null}
          </div>
        ) : null}
        {progress ? (
          <div className="first-visit-measuring" data-testid="first-visit-measuring">
            <p role="status" ref={measuringRef} tabIndex={-1}>
              Measuring this device's speed: timing a few training steps of {progress.doing}…
            </p>
            <progress max={progress.total} value={progress.done} aria-label="Speed measurement" />
          </div>
        ) : null}
        {/* Announced once when the answer comes: a heading taking focus is read, but not by every reader. */}
        <p className="visually-hidden" role="status" data-testid="first-visit-announcement">
          {announcement}
        </p>
        {device?.kind === 'failed' ? (
          <p className="first-visit-error" role="alert" ref={failedRef} tabIndex={-1}>
            The speed could not be measured: {device.error}{' '}
            <button type="button" onClick={start}>
              Try again
            </button>
          </p>
        ) : null}
        {device?.kind === 'tooSlow' ? (
          <TooSlow lowerBoundMsPerStep={device.lowerBoundMsPerStep} trainImages={trainImages} actions={actions} backendDetail={backend?.detail ?? ''} noGpu={noGpu} headingRef={answerRef} />
        ) : null}
        {sizing?.fits ? (
          <ProposalCard
            proposal={sizing.proposal}
            budgetMinutes={budgetMinutes}
            speeds={device?.kind === 'measured' ? device.speedOfDepth : {}}
            actions={actions}
            dataReady={dataReady}
            headingRef={answerRef}
          />
        ) : null}
        {sizing && !sizing.fits ? (
          <NotInBudget smallestSeconds={sizing.smallest.seconds} budgetMinutes={budgetMinutes} onPick={setBudgetMinutes} actions={actions} headingRef={answerRef} />
        ) : null}
        {onClose && (device !== null || progress !== null) ? (
          <div className="first-visit-buttons">
            <button type="button" className="link-button" onClick={onClose}>
              Close the guide
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
