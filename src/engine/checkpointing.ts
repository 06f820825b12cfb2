// Moves a TrainingEngine's tensors into a Checkpoint and back. Capturing costs one GPU read (every tensor
// flattened into one buffer on the GPU first), restoring one upload per tensor, once per resume.
import * as tf from '@tensorflow/tfjs';
import type { SavedTensor } from '../checkpoint/checkpoint';
import { bnStatisticName } from '../model/network';
import type { TrainingEngine } from './trainStep';

/** Every tensor a training step changes, under its checkpoint name, in a stable order. */
function namedTensors(engine: TrainingEngine): { name: string; variable: tf.Variable }[] {
  return [
    ...engine.network.parameters.map((p) => ({ name: p.name, variable: p.variable })),
    ...engine.network.bnStatistics.map((variable) => ({ name: bnStatisticName(variable), variable })),
    ...engine.optimizer.namedBuffers(),
  ];
}

/** The engine's weights, BN running statistics and momentum buffers; `finite` is false when any value is NaN
 *  or infinite (the run diverged: such a checkpoint must not replace a good one). */
export async function captureTensors(engine: TrainingEngine): Promise<{ tensors: SavedTensor[]; finite: boolean }> {
  const named = namedTensors(engine);
  const flat = tf.tidy(() => tf.concat(named.map(({ variable }) => tf.reshape(variable, [-1]))));
  let all: Float32Array;
  try {
    all = (await flat.data()) as Float32Array;
  } finally {
    flat.dispose();
  }
  let finite = true;
  for (let i = 0; i < all.length; i++) {
    if (!Number.isFinite(all[i])) {
      finite = false;
      break;
    }
  }
  let offset = 0;
  const tensors = named.map(({ name, variable }) => {
    // slice, not subarray: each tensor gets its own buffer, so a later change to one cannot touch another.
    const values = all.slice(offset, offset + variable.size);
    offset += variable.size;
    return { name, shape: [...variable.shape], values };
  });
  return { tensors, finite };
}

/** Sets every tensor of the engine from the checkpoint's; throws, changing nothing, when one is missing or
 *  shaped differently (a checkpoint of another network). */
export function restoreTensors(engine: TrainingEngine, saved: readonly SavedTensor[]): void {
  const byName = new Map(saved.map((tensor) => [tensor.name, tensor]));
  const named = namedTensors(engine);
  for (const { name, variable } of named) {
    const tensor = byName.get(name);
    if (!tensor) throw new Error(`the checkpoint has no tensor ${name}`);
    if (tensor.shape.join('x') !== variable.shape.join('x')) {
      throw new Error(`the checkpoint's ${name} is [${tensor.shape}], the network's [${variable.shape}]`);
    }
  }
  if (byName.size !== named.length) throw new Error(`the checkpoint holds ${byName.size} tensors, the network ${named.length}`);
  tf.tidy(() => {
    for (const { name, variable } of named) variable.assign(tf.tensor(byName.get(name)!.values, variable.shape));
  });
}
