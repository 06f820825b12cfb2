// One 32x32 CIFAR image, pixel for pixel, scaled up without smoothing (image-rendering: pixelated). An <img> of a
// PNG, not a canvas (pngDataUrl.ts says why).
import { useMemo } from 'react';
import { RGBA_IMAGE_BYTES } from '../../data/imagePixels';
import { pngDataUrl } from './pngDataUrl';

interface CifarImageProps {
  /** The RGBA pixels of several images one after another; this one is image `position` of them. */
  rgba: Uint8ClampedArray;
  position: number;
  /** What the image is, for screen readers (the caption says the rest). */
  label: string;
}

export function CifarImage({ rgba, position, label }: CifarImageProps) {
  const start = position * RGBA_IMAGE_BYTES;
  const src = useMemo(
    () => (rgba.length < start + RGBA_IMAGE_BYTES ? null : pngDataUrl(rgba.subarray(start, start + RGBA_IMAGE_BYTES), 32, 32)),
    [rgba, start],
  );
  return src === null ? (
    <span className="diag-image diag-image-placeholder" role="img" aria-label={label} />
  ) : (
    <img className="diag-image" src={src} width={32} height={32} alt={label} draggable={false} />
  );
}
