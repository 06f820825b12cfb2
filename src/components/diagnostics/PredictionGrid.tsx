// Panel 4: a dozen evaluation images, chosen at random but the same for every run (a seeded choice), each with
// every shown run's three most likely classes at its newest evaluation.
import { Fragment, memo, useMemo, useState } from 'react';
import { CLASS_NAMES, type Predictions } from '../../diagnostics/diagnostics';
import { CifarImage } from './CifarImage';
import { labelMismatches, splitName } from './confusion';
import { RunSwatch } from './runLine';
import { chooseSample } from './sampleChoice';
import type { ShownRun } from './shownRuns';
import { useImages } from './useImages';
import { formatCount } from './numberFormat';

export const GRID_IMAGES = 12;

export const PredictionGrid = memo(function PredictionGrid({ runs }: { runs: readonly ShownRun[] }) {
  const [seed, setSeed] = useState(1);
  const withPredictions = useMemo(() => runs.filter((run) => run.diagnostics.predictions !== undefined), [runs]);
  // Runs evaluated on another split than the first one's are not shown the same images: left out, and said so.
  const split = withPredictions[0]?.diagnostics.predictions?.evaluatedOn ?? 'test';
  const included = useMemo(() => withPredictions.filter((run) => run.diagnostics.predictions!.evaluatedOn === split), [withPredictions, split]);
  const excluded = withPredictions.filter((run) => !included.includes(run));
  // Image i of every run's predictions is image i of the split: the images all of them evaluated are the first `count`.
  const count = included.length > 0 ? Math.min(...included.map((run) => run.diagnostics.predictions!.labels.length)) : 0;
  const indices = useMemo(() => chooseSample(count, GRID_IMAGES, seed), [count, seed]);
  const images = useImages(split, indices);

  if (included.length === 0) {
    return (
      <div className="diag-panel" data-testid="diagnostics-predictions">
        <h3>Sample predictions</h3>
        <p className="diag-empty">No predictions yet: they appear after a run’s first test evaluation.</p>
      </div>
    );
  }
  const reference = included[0].diagnostics.predictions!;
  const mismatched = images.status === 'ready' ? included.filter((run) => labelMismatches(run.diagnostics.predictions!.labels, indices, images.labels) > 0) : [];

  return (
    <div className="diag-panel" data-testid="diagnostics-predictions">
      <h3>Sample predictions</h3>
      <p className="diag-look">
        The same {indices.length} images of the {splitName(split)} for every run, with each run’s three most likely classes at its newest
        evaluation (✔: the top guess is right; the true class in bold).
      </p>
      <div className="diag-pickers">
        <button type="button" className="diag-button" onClick={() => setSeed(seed + 1)}>
          Show other images
        </button>
        <span className="diag-muted">
          {included.map((run) => `${run.name}: iteration ${formatCount(run.diagnostics.predictions!.iteration)}`).join(' · ')}
        </span>
      </div>
      {excluded.length > 0 ? (
        <p className="diag-note">
          Not shown: {excluded.map((run) => run.name).join(', ')} (evaluated on other images, the {splitName(excluded[0].diagnostics.predictions!.evaluatedOn)}).
        </p>
      ) : null}
      {images.status === 'error' ? <p className="diag-error">The images cannot be shown: {images.message}</p> : null}
      {mismatched.length > 0 ? (
        <p className="diag-error">
          The CIFAR-10 loaded now is not the one {mismatched.map((run) => run.name).join(', ')} {mismatched.length === 1 ? 'was' : 'were'} evaluated on:
          labels differ, so the pictures may not be the images the runs saw.
        </p>
      ) : null}
      <ul className="diag-prediction-grid">
        {indices.map((index, k) => {
          const truth = reference.labels[index];
          return (
            <li key={index} className="diag-prediction">
              {images.status === 'ready' ? (
                <CifarImage rgba={images.rgba} position={k} label={`image ${index} of the ${splitName(split)}, a ${CLASS_NAMES[truth]}`} />
              ) : (
                <span className="diag-image diag-image-placeholder" aria-hidden="true" />
              )}
              <div className="diag-prediction-text">
                <div className="diag-truth">
                  true: <strong>{CLASS_NAMES[truth]}</strong>
                </div>
                <ul className="diag-prediction-runs">
                  {included.map((run) => (
                    <RunPrediction key={run.runId} run={run} predictions={run.diagnostics.predictions!} index={index} />
                  ))}
                </ul>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
});

function RunPrediction({ run, predictions, index }: { run: ShownRun; predictions: Predictions; index: number }) {
  const truth = predictions.labels[index];
  const classes = [0, 1, 2].map((k) => predictions.top3Classes[3 * index + k]);
  const percents = [0, 1, 2].map((k) => predictions.top3Percent[3 * index + k]);
  const right = classes[0] === truth;
  return (
    <li>
      <span className="diag-prediction-run">
        <RunSwatch run={run} />
        <span className="diag-muted">{run.name}</span>
      </span>
      <span className={right ? 'diag-right' : 'diag-wrong'}>
        <span aria-hidden="true">{right ? '✔ ' : '✗ '}</span>
        <span className="visually-hidden">{right ? 'right: ' : 'wrong: '}</span>
        {classes.map((c, k) => (
          <Fragment key={k}>
            {k > 0 ? ' · ' : ''}
            {c === truth ? <strong>{CLASS_NAMES[c]}</strong> : CLASS_NAMES[c]} {percents[k]}%
          </Fragment>
        ))}
      </span>
    </li>
  );
}
