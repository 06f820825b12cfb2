// What a run needs to continue exactly where it was: every tensor the step updates, and every piece of state
// the loop keeps on the CPU. No tfjs here: the UI thread lists and deletes checkpoints without loading it.
import type { TrainConfig } from '../config';
import type { TestPoint, TrainPoint } from '../state/appState';

/** One tensor's values, row-major, under a name that is stable across page loads ('stem/conv',
 *  'stem/bn/runningMean', 'stem/conv/momentum'). */
export interface SavedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface Checkpoint {
  runId: string;
  /** Optimizer steps done: the next step the run takes is the 0-based step `iteration`. */
  iteration: number;
  /** ms since 1970. */
  savedAt: number;
  /** The config the run trains with: a checkpoint resumes only the run it was taken from, unchanged. */
  config: TrainConfig;
  /** Training images the run samples from; a different dataset (other files loaded) cannot continue it. */
  trainImages: number;
  /** Weights, BN running statistics and momentum buffers. */
  tensors: SavedTensor[];
  /** The shuffling and augmentation generator's state after step iteration - 1 (Random.getState()). */
  rngState: number[];
  /** The current epoch's order of training images (it was shuffled at the epoch's start). */
  order: Int32Array;
  /** §4.2 ResNet-110: still at lr/10 because no metrics window has gone below 80% training error yet. */
  warmingUp: boolean;
  /** The chart points the run emitted up to `iteration` (since it started, or since the checkpoint without this
   *  field it resumed from). A resume sends them again: the stored curve may lag the checkpoint by a few
   *  seconds (historySync.ts writes at most every 2 s, the worker writes checkpoints itself). Absent in
   *  checkpoints saved before it existed. */
  curve?: CheckpointCurve;
  // The metrics window needs no field: a checkpoint is taken only right after the window was read, so the next
  // window starts empty at `iteration`, as it does in the uninterrupted run.
}

export interface CheckpointCurve {
  train: TrainPoint[];
  test: TestPoint[];
}

/** What the UI shows of a checkpoint: where the run would resume, and the storage it takes. */
export interface CheckpointInfo {
  runId: string;
  iteration: number;
  bytes: number;
  savedAt: number;
}

/** Bytes the checkpoint's arrays take (the small fields are not counted). */
export function checkpointBytes(checkpoint: Pick<Checkpoint, 'tensors' | 'order'>): number {
  return checkpoint.tensors.reduce((sum, tensor) => sum + tensor.values.byteLength, 0) + checkpoint.order.byteLength;
}

/** Two configs are the same run's when every field is equal (key order aside). */
export function sameConfig(a: TrainConfig, b: TrainConfig): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
