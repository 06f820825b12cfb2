import type { Ref } from 'react';
import { formatDuration } from '../components/format';
import { REFERENCE_GPU, REFERENCE_IMAGES_PER_SECOND, referenceSecondsForSmallestVersion } from '../reference/referenceSpeed';
import type { FirstVisitActions } from './FirstVisit';
import { LOWER_BOUND_BATCH } from './measureDevice';
import { BUDGET_MINUTES, smallestVersionAtLeastSeconds, smallestVersionSteps } from './sizeExperiment';

const perSecond = (value: number) => Math.round(value).toLocaleString('en-US');

/** The answer on a device where even one epoch of plain-20 and plain-56 takes longer than the longest budget. With
 *  no GPU (a software adapter), it says so in plain words and what a GPU would take, from the one GPU figure this
 *  project can source: the PyTorch reference's own speed (src/reference/referenceSpeed.ts). */
export function TooSlow({
  lowerBoundMsPerStep,
  trainImages,
  actions,
  backendDetail,
  noGpu,
  headingRef,
}: {
  lowerBoundMsPerStep: number;
  trainImages: number;
  actions: FirstVisitActions;
  backendDetail: string;
  noGpu: boolean;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const atLeast = smallestVersionAtLeastSeconds(lowerBoundMsPerStep, trainImages);
  const adapter = backendDetail.split(' · ')[0];
  return (
    <div className="first-visit-result" data-testid="first-visit-too-slow">
      <h3 ref={headingRef} tabIndex={-1}>
        {noGpu ? 'This browser has no GPU to train with' : 'This device is too slow for the real experiment'}
      </h3>
      {noGpu ? (
        <p data-testid="no-gpu">
          {adapter ? <>“{adapter}” is </> : 'What the browser offers is '}a software stand-in for a graphics card: it runs the GPU's work on the
          processor instead, which is far slower. (Another browser, or turning on hardware acceleration in this one, may find a real GPU.)
        </p>
      ) : null}
      <p>
        One plain-20 training step on {LOWER_BOUND_BATCH} images (the paper's batch) took <strong>{(lowerBoundMsPerStep / 1000).toFixed(1)} s</strong> here
        {backendDetail ? ` (${backendDetail})` : ''}. The smallest honest version, plain-20 and plain-56 for one epoch ({smallestVersionSteps(trainImages).toLocaleString('en-US')} steps of
        128 images), would take <strong>at least {formatDuration(atLeast)}</strong>, longer than the longest time offered ({Math.max(...BUDGET_MINUTES)} min).
      </p>
      <p data-testid="gpu-figure">
        What a GPU would take: the PyTorch reference curves this page can show you were trained on one {REFERENCE_GPU} (a data-centre GPU) at{' '}
        {perSecond(REFERENCE_IMAGES_PER_SECOND['plain-20'])} images per second for plain-20 and {perSecond(REFERENCE_IMAGES_PER_SECOND['plain-56'])} for plain-56:
        that smallest version took it about <strong>{formatDuration(referenceSecondsForSmallestVersion(trainImages))}</strong> of training. This page's own engine
        has not been timed on a GPU yet; it does more work per step than PyTorch, so expect it to take longer there.
      </p>
      <div className="first-visit-buttons">
        <button type="button" className="primary" onClick={actions.showReference}>
          Show the finding in the PyTorch reference curves
        </button>
        <button type="button" onClick={actions.runTinyDemo}>
          Run a tiny demo pair anyway
        </button>
        <button type="button" className="link-button" onClick={() => actions.openControls()}>
          Open the full controls
        </button>
      </div>
      <p className="first-visit-note">
        The reference curves are the same experiment measured with PyTorch on that GPU, labelled as such on the chart, and the verdict below reads them
        for you. The tiny demo trains plain-8 and ResNet-8 with 4 filters on 64 images beside the reference: it shows the training loop at work, not
        the paper's finding.
      </p>
    </div>
  );
}

export function NotInBudget({
  smallestSeconds,
  budgetMinutes,
  onPick,
  actions,
  headingRef,
}: {
  smallestSeconds: number;
  budgetMinutes: number;
  onPick: (minutes: number) => void;
  actions: FirstVisitActions;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const enough = BUDGET_MINUTES.find((minutes) => minutes * 60 >= smallestSeconds);
  return (
    <div className="first-visit-result" data-testid="first-visit-not-in-budget">
      <h3 ref={headingRef} tabIndex={-1}>
        Nothing honest fits in {budgetMinutes} minutes here
      </h3>
      <p>
        The smallest version (plain-20 and plain-56, one epoch each) takes about <strong>{formatDuration(smallestSeconds)}</strong> on this device.
      </p>
      <div className="first-visit-buttons">
        {enough !== undefined ? (
          <button type="button" className="primary" onClick={() => onPick(enough)}>
            Give it {enough} minutes
          </button>
        ) : (
          <button type="button" className="primary" onClick={actions.showReference}>
            Show the finding in the PyTorch reference curves
          </button>
        )}
        <button type="button" onClick={actions.runTinyDemo}>
          Run a tiny demo pair anyway
        </button>
      </div>
    </div>
  );
}
