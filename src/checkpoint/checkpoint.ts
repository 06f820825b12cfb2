// What a run needs to continue exactly where it was: every tensor the step updates, and every piece of state
// the loop keeps on the CPU. No tfjs here: the UI thread lists and deletes checkpoints without loading it.
import type { TrainConfig } from '../config';

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
  // The metrics window needs no field: a checkpoint is taken only right after the window was read, so the next
  // window starts empty at `iteration`, as it does in the uninterrupted run.
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

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function tensorProblem(value: unknown): string | null {
  if (!isObject(value) || typeof value.name !== 'string') return 'a tensor without a name';
  if (!Array.isArray(value.shape) || !value.shape.every(isCount)) return `tensor ${value.name} has no valid shape`;
  if (!(value.values instanceof Float32Array)) return `tensor ${value.name} has no float32 values`;
  const size = value.shape.reduce((product: number, dimension: number) => product * dimension, 1);
  if (value.values.length !== size) return `tensor ${value.name} holds ${value.values.length} values for shape [${value.shape}]`;
  return null;
}

/** Why a value read back from storage is not a whole checkpoint, or null when it is one. A damaged slot is
 *  never restored: the other slot, or a fresh start, is better than a run that continues from garbage. */
export function checkpointProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not a checkpoint';
  if (typeof value.runId !== 'string' || value.runId === '') return 'no run id';
  if (!isCount(value.iteration)) return 'no iteration';
  if (!isCount(value.trainImages)) return 'no image count';
  if (!isObject(value.config) || !isObject(value.config.model)) return 'no config';
  if (!Array.isArray(value.tensors) || value.tensors.length === 0) return 'no tensors';
  for (const tensor of value.tensors) {
    const problem = tensorProblem(tensor);
    if (problem) return problem;
  }
  if (!Array.isArray(value.rngState) || value.rngState.length !== 4 || !value.rngState.every((w) => isCount(w) && w < 2 ** 32)) {
    return 'no generator state';
  }
  if (!(value.order instanceof Int32Array) || value.order.length !== value.trainImages) return 'no epoch order';
  if (typeof value.warmingUp !== 'boolean') return 'no warm-up state';
  return null;
}

/** Two configs are the same run's when every field is equal (key order aside). */
export function sameConfig(a: TrainConfig, b: TrainConfig): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
