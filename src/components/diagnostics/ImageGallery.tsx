// The images of one confusion cell: the predictions of the run's newest evaluation (the only ones kept) say which
// images they are; their pixels come from the dataset loaded now (trainingClient.requestImages), a page at a time.
import { useEffect, useMemo, useRef, useState } from 'react';
import { CLASS_NAMES, imagesInCell, type Predictions } from '../../diagnostics/diagnostics';
import { CifarImage } from './CifarImage';
import { labelMismatches, pages, predictionCaption, splitName } from './confusion';
import { useImages } from './useImages';
import { formatCount } from './numberFormat';

/** Images asked for at a time. */
export const GALLERY_PAGE = 48;

interface ImageGalleryProps {
  id: string;
  runName: string;
  predictions: Predictions | undefined;
  /** The evaluation whose matrix is shown (may be older than the predictions). */
  shownIteration: number;
  trueClass: number;
  predictedClass: number;
  onClose: () => void;
}

export function ImageGallery({ id, runName, predictions, shownIteration, trueClass, predictedClass, onClose }: ImageGalleryProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [pageCount, setPageCount] = useState(1);
  const indices = useMemo(() => (predictions ? imagesInCell(predictions, trueClass, predictedClass) : []), [predictions, trueClass, predictedClass]);
  const indexPages = useMemo(() => pages(indices, GALLERY_PAGE), [indices]);

  // Opening moves the focus here; Escape closes from anywhere (the parent puts the focus back on the cell).
  useEffect(() => {
    headingRef.current?.focus();
  }, [trueClass, predictedClass]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  useEffect(() => setPageCount(1), [indices]);

  const title = trueClass === predictedClass ? `${CLASS_NAMES[trueClass]}, predicted right` : `true ${CLASS_NAMES[trueClass]}, predicted ${CLASS_NAMES[predictedClass]}`;

  return (
    <section className="diag-gallery" id={id} aria-labelledby={`${id}-title`}>
      <div className="diag-gallery-header">
        <h4 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          {runName}: {title}
          {predictions ? ` (${formatCount(indices.length)} ${indices.length === 1 ? 'image' : 'images'})` : ''}
        </h4>
        <button type="button" className="diag-button" onClick={onClose} aria-label="Close the images (Escape)">
          ✕ Close
        </button>
      </div>
      {!predictions ? (
        <p className="diag-empty">This run has no stored predictions (trained before they were recorded, or imported without them), so its images cannot be listed.</p>
      ) : (
        <>
          {predictions.iteration !== shownIteration ? (
            <p className="diag-note diag-warn">
              Predictions are kept for the newest evaluation only: these images are from the evaluation at iteration{' '}
              {formatCount(predictions.iteration)}, not the one at iteration {formatCount(shownIteration)} shown above.
            </p>
          ) : null}
          {indices.length === 0 ? <p className="diag-empty">No image in this cell.</p> : null}
          {indexPages.slice(0, pageCount).map((page, i) => (
            <GalleryPage key={i} predictions={predictions} indices={page} />
          ))}
          {pageCount < indexPages.length ? (
            <button type="button" className="diag-button" onClick={() => setPageCount(pageCount + 1)}>
              Show {Math.min(GALLERY_PAGE, indices.length - pageCount * GALLERY_PAGE)} more ({formatCount(indices.length - pageCount * GALLERY_PAGE)} left)
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function GalleryPage({ predictions, indices }: { predictions: Predictions; indices: number[] }) {
  const images = useImages(predictions.evaluatedOn, indices);
  if (images.status === 'loading') return <p className="diag-note">Loading {indices.length} images…</p>;
  if (images.status === 'error') return <p className="diag-error">The images cannot be shown: {images.message}</p>;
  const mismatches = labelMismatches(predictions.labels, indices, images.labels);
  return (
    <>
      {mismatches > 0 ? (
        <p className="diag-error">
          The CIFAR-10 loaded now is not the one this run was evaluated on: {mismatches} of these {indices.length} images have another
          label in it. The pictures may not be the images the run saw.
        </p>
      ) : null}
      <ul className="diag-image-grid">
        {indices.map((index, k) => (
          <li key={index}>
            <CifarImage rgba={images.rgba} position={k} label={`image ${index} of the ${splitName(predictions.evaluatedOn)}`} />
            <span className="diag-caption">{predictionCaption(predictions, index)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
