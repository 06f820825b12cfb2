// How fast the PyTorch reference trained on its GPU: the one GPU figure this project can source. Copied from
// shared/reference/pytorch_40_epochs.json (`img_per_s` of each run; PyTorch 2.11, bf16, CUDA graphs, one NVIDIA
// H200, batch 128). Not this app's speed: the browser engine on a GPU has not been timed (none was at hand).

export const REFERENCE_GPU = 'NVIDIA H200';

/** Training images per second of the 40-epoch reference runs, by network. */
export const REFERENCE_IMAGES_PER_SECOND = {
  'plain-20': 15_886,
  'plain-56': 8_485.2,
  'resnet-20': 15_292.5,
  'resnet-56': 8_379.2,
} as const;

/** Seconds the reference GPU spent training one epoch each of plain-20 and plain-56 (the first-visit "smallest
 *  honest version"), on `trainImages` images. */
export function referenceSecondsForSmallestVersion(trainImages: number): number {
  return trainImages / REFERENCE_IMAGES_PER_SECOND['plain-20'] + trainImages / REFERENCE_IMAGES_PER_SECOND['plain-56'];
}
