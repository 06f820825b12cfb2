// One 32x32 CIFAR image, drawn pixel for pixel and scaled up without smoothing (image-rendering: pixelated).
import { useEffect, useRef } from 'react';
import { RGBA_IMAGE_BYTES } from '../../data/imagePixels';

interface CifarImageProps {
  /** The RGBA pixels of several images one after another; this one is image `position` of them. */
  rgba: Uint8ClampedArray;
  position: number;
  /** What the image is, for screen readers (the caption says the rest). */
  label: string;
}

export function CifarImage({ rgba, position, label }: CifarImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    const start = position * RGBA_IMAGE_BYTES;
    if (!context || rgba.length < start + RGBA_IMAGE_BYTES) return;
    context.putImageData(new ImageData(rgba.slice(start, start + RGBA_IMAGE_BYTES), 32, 32), 0, 0);
  }, [rgba, position]);
  return <canvas ref={ref} className="diag-image" width={32} height={32} role="img" aria-label={label} />;
}
