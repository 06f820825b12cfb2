// Whether a value read back from storage can be trusted to continue a run: checked completely before a single
// weight is restored, because a checkpoint that is wrong but well formed (a NaN weight, an edited iteration, a
// permuted shape) otherwise trains on into meaningless points, a divergence, or a curve with a jump. No tfjs
// here: the UI thread lists checkpoints too (uiThreadImports.test.ts).
import type { TrainConfig } from '../config';
import { curvesProblem } from '../state/runCurves';
import type { Checkpoint } from './checkpoint';

/** What the run a checkpoint would continue looks like now (the worker knows it once the network is built). */
export interface CheckpointExpectation {
  /** Every tensor the network's step changes, any order: the checkpoint holds exactly these, shaped so. */
  tensors: readonly { name: string; shape: readonly number[] }[];
  /** The run's length with its settings on the dataset loaded now: a checkpoint lies in 1..totalIterations. */
  totalIterations: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const count = (n: number) => n.toLocaleString('en-US');

function tensorProblem(value: unknown): string | null {
  if (!isObject(value) || typeof value.name !== 'string') return 'a tensor has no name';
  if (!Array.isArray(value.shape) || !value.shape.every(isCount)) return `tensor ${value.name} has no valid shape`;
  if (!(value.values instanceof Float32Array)) return `tensor ${value.name} has no float32 values`;
  const size = value.shape.reduce((product: number, dimension: number) => product * dimension, 1);
  if (value.values.length !== size) return `tensor ${value.name} holds ${count(value.values.length)} values for shape [${value.shape}]`;
  // A loop, not .every(): ResNet-110's 5 million values take ~10 ms this way.
  const values = value.values;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) return `tensor ${value.name} holds ${values[i]} at index ${count(i)}`;
  }
  return null;
}

/** Each image exactly once: a shuffled order of 0..trainImages-1, as the loop makes it. */
function orderProblem(order: Int32Array, trainImages: number): string | null {
  if (order.length !== trainImages) return `the epoch order has ${count(order.length)} entries for ${count(trainImages)} training images`;
  const seen = new Uint8Array(trainImages);
  for (const index of order) {
    if (index < 0 || index >= trainImages) return `the epoch order names image ${count(index)} of ${count(trainImages)}`;
    if (seen[index]) return `the epoch order names image ${count(index)} twice`;
    seen[index] = 1;
  }
  return null;
}

/** The carried curve (checkpoint.ts) must end where the checkpoint is: its last training point is read right
 *  before the checkpoint is taken, at the checkpoint's iteration. */
function curveProblem(curve: unknown, iteration: number, config: TrainConfig): string | null {
  if (!isObject(curve) || !Array.isArray(curve.train) || !Array.isArray(curve.test)) return 'its curve is not two lists of points';
  const points = curvesProblem(config, curve.train, curve.test);
  if (points) return `its curve is damaged (${points})`;
  for (const [name, list] of [['training', curve.train], ['test', curve.test]] as const) {
    for (let i = 1; i < list.length; i++) {
      if (list[i].iteration <= list[i - 1].iteration) return `its ${name} points do not go forward (iteration ${count(list[i].iteration)} after ${count(list[i - 1].iteration)})`;
    }
    const last = list[list.length - 1]?.iteration;
    if (last !== undefined && last > iteration) return `its curve has a ${name} point at iteration ${count(last)}, past its own iteration ${count(iteration)}`;
  }
  const lastTrain = curve.train[curve.train.length - 1]?.iteration;
  if (lastTrain !== iteration) return `it says iteration ${count(iteration)}, but its curve ends at iteration ${count(lastTrain ?? 0)}`;
  return null;
}

/** Why `value`, read back from storage, is not a whole checkpoint that agrees with itself (every value finite,
 *  the order a permutation, the curve ending at its iteration), or null when it is one. */
export function checkpointProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not a checkpoint';
  if (typeof value.runId !== 'string' || value.runId === '') return 'no run id';
  // Never saved before the first step: a checkpoint at 0 is not one the trainer wrote.
  if (!isCount(value.iteration) || value.iteration === 0) return 'no valid iteration';
  if (!isCount(value.trainImages)) return 'no image count';
  if (!isObject(value.config) || !isObject(value.config.model)) return 'no config';
  if (!Array.isArray(value.tensors) || value.tensors.length === 0) return 'no tensors';
  for (const tensor of value.tensors) {
    const problem = tensorProblem(tensor);
    if (problem) return problem;
  }
  // sfc32 (data/random.ts) runs from any four uint32 words: its counter word keeps it off a zero cycle.
  if (!Array.isArray(value.rngState) || value.rngState.length !== 4 || !value.rngState.every((w) => isCount(w) && w < 2 ** 32)) {
    return 'no valid generator state';
  }
  if (!(value.order instanceof Int32Array)) return 'no epoch order';
  const order = orderProblem(value.order, value.trainImages);
  if (order) return order;
  if (typeof value.warmingUp !== 'boolean') return 'no warm-up state';
  if (value.curve !== undefined) {
    const curve = curveProblem(value.curve, value.iteration, value.config as unknown as TrainConfig);
    if (curve) return curve;
  }
  return null;
}

/** Why a whole checkpoint (checkpointProblem) does not fit the network and the run as they are now, or null. */
export function checkpointFitProblem(checkpoint: Checkpoint, expected: CheckpointExpectation): string | null {
  if (checkpoint.iteration > expected.totalIterations) {
    return `it is at iteration ${count(checkpoint.iteration)}, past the run's ${count(expected.totalIterations)}`;
  }
  const saved = new Map(checkpoint.tensors.map((tensor) => [tensor.name, tensor]));
  if (saved.size !== checkpoint.tensors.length) return 'it holds a tensor twice';
  for (const { name, shape } of expected.tensors) {
    const tensor = saved.get(name);
    if (!tensor) return `it has no tensor ${name}`;
    if (tensor.shape.join('x') !== shape.join('x')) return `its ${name} is [${tensor.shape}], the network's [${shape}]`;
  }
  if (saved.size !== expected.tensors.length) return `it holds ${saved.size} tensors, the network ${expected.tensors.length}`;
  return null;
}
