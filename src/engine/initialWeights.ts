// The weights a run of this app starts from, as a file (weightsFile.ts): what "Run elsewhere…" puts beside the
// PyTorch script so its networks can start exactly where a browser run with the same seed would, and what the
// reference tier loads into the script's model to check it against the app's.
import type { ModelConfig } from '../config';
import { encodeWeights, type NamedWeights } from '../export/weightsFile';
import { bnStatisticName, buildNetwork } from '../model/network';

/** Every trainable tensor, then the BN running statistics, of buildNetwork(model, seed) before any step.
 *  The initialisers draw on the CPU from the seed, so every backend gives the same file. */
export async function initialWeightsFile(model: ModelConfig, seed: number): Promise<Uint8Array> {
  const network = buildNetwork(model, seed);
  try {
    const tensors: NamedWeights[] = [];
    for (const p of network.parameters) tensors.push({ name: p.name, shape: p.variable.shape, data: (await p.variable.data()) as Float32Array });
    for (const v of network.bnStatistics) tensors.push({ name: bnStatisticName(v), shape: v.shape, data: (await v.data()) as Float32Array });
    return encodeWeights(tensors, { model, seed });
  } finally {
    network.dispose();
  }
}
