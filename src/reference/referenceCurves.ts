// The PyTorch reference curves bundled with the app (see README.md here for their provenance).
import sets from './pytorchCurves.json';

export interface ReferenceRun {
  /** e.g. 'plain-20', 'resnet-56'. */
  name: string;
  depth: number;
  blockType: 'plain' | 'residual';
  trainableParameters: number;
  iterationsPerEpoch: number;
  totalIterations: number;
  /** Per epoch: training error (running average over the epoch, %) and test error on all 10,000 images (%). */
  epochs: { epoch: number; iteration: number; trainError: number; testError: number }[];
  /** Training error (%) of the last 50 iterations, every 50 iterations. */
  fine: { iteration: number; trainError: number }[];
}

export interface ReferenceSet {
  id: string;
  /** Shown in the UI: says what these curves are. */
  label: string;
  sourceFile: string;
  recipe: Record<string, unknown>;
  device: Record<string, unknown>;
  runs: ReferenceRun[];
}

export const REFERENCE_SETS = sets as ReferenceSet[];

export function referenceSetById(id: string): ReferenceSet | undefined {
  return REFERENCE_SETS.find((set) => set.id === id);
}

/** 'plain-20' / 'ResNet-56', as the app names its own runs. */
export function referenceRunName(run: ReferenceRun): string {
  return run.blockType === 'plain' ? `plain-${run.depth}` : `ResNet-${run.depth}`;
}
