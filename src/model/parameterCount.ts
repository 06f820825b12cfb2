import type { ModelConfig } from '../config';
import { changesShape, describeArchitecture, INPUT_CHANNELS, KERNEL, type BlockSpec } from './architecture';
import type { Network } from './network';

/** What the built network holds: conv kernels, BN gamma/beta, FC kernel and bias (not BN running stats,
 *  which the paper does not count: its 0.27M for ResNet-20 is 269,722 trainable numbers). */
export function countTrainableParameters(network: Network): number {
  return network.parameters.reduce((sum, p) => sum + p.variable.size, 0);
}

/** Conv kernel without bias + BN gamma and beta. */
function convBnParameters(kernelSize: number, inChannels: number, outChannels: number): number {
  return kernelSize * kernelSize * inChannels * outChannels + 2 * outChannels;
}

function blockParameters(config: ModelConfig, block: BlockSpec): number {
  const { inChannels: cin, innerChannels: inner, outChannels: cout } = block;
  const residualFunction =
    config.block === 'basic'
      ? convBnParameters(KERNEL, cin, inner) + convBnParameters(KERNEL, inner, cout)
      : convBnParameters(1, cin, inner) + convBnParameters(KERNEL, inner, inner) + convBnParameters(1, inner, cout);
  // Option A and identity shortcuts have no parameters; option B's projection is a 1x1 conv + BN.
  const hasProjection = config.blockType === 'residual' && config.shortcut === 'B' && changesShape(block);
  const projection = hasProjection ? convBnParameters(1, cin, cout) : 0;
  return residualFunction + projection;
}

/** The trainable parameter count without building anything (for the UI, before a run). Throws on an
 *  invalid config, like buildNetwork. ResNet-20: 269,722; ResNet-110: 1,727,962 (§4.2, Table 6). */
export function expectedTrainableParameters(config: ModelConfig): number {
  const architecture = describeArchitecture(config);
  const stem = convBnParameters(KERNEL, INPUT_CHANNELS, architecture.stemChannels);
  const body = architecture.stages.flat().reduce((sum, block) => sum + blockParameters(config, block), 0);
  const fc = architecture.featureChannels * architecture.classes + architecture.classes;
  return stem + body + fc;
}
