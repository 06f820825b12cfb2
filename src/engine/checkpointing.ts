// Moves a TrainingEngine's tensors into a Checkpoint and back. Capturing reads every tensor back (concurrently),
// restoring uploads each once per resume.
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

/** The name and shape of every tensor a checkpoint of this engine holds (what checkpointFitProblem expects). */
export function tensorLayout(engine: TrainingEngine): { name: string; shape: number[] }[] {
  return namedTensors(engine).map(({ name, variable }) => ({ name, shape: [...variable.shape] }));
}

/** The engine's weights, BN running statistics and momentum buffers; `finite` is false when any value is NaN
 *  or infinite (the run diverged: such a checkpoint must not replace a good one). The tensors are read all at
 *  once, each on its own: joining them into one buffer on the GPU first (one read instead of ~160) took
 *  290 ms for ResNet-20 on SwiftShader, against 20-40 ms for the separate reads (bench/chromium-checkpoints.json,
 *  docs/benchmarks.md "Checkpoints"). The fused kernels drop tfjs's CPU copy of a tensor they write, so no read is stale. */
export async function captureTensors(engine: TrainingEngine): Promise<{ tensors: SavedTensor[]; finite: boolean }> {
  const named = namedTensors(engine);
  const read = await Promise.all(named.map(({ variable }) => variable.data() as Promise<Float32Array>));
  let finite = true;
  const tensors = named.map(({ name, variable }, i) => {
    // A copy: what tfjs hands back may be its own cache of the tensor.
    const values = Float32Array.from(read[i]);
    if (finite && !values.every(Number.isFinite)) finite = false;
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
