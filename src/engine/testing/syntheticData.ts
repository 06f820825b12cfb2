// Small fake CIFAR-10 splits for the trainer's tests: enough to exercise the loop without reading 180 MB.
import type { CifarSplit } from '../../data/cifarFormat';

/** Pseudo-random images (an LCG from `seed`) with labels 0..9 in turn. */
export function syntheticSplit(count: number, seed: number): CifarSplit {
  const images = new Uint8Array(count * 3072);
  let state = seed;
  for (let i = 0; i < images.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    images[i] = state >>> 24;
  }
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  return { images, labels, count };
}
