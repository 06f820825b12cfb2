import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../config';
import { addThenRelu, RELU } from './epilogue';
import type { BlockSpec } from './architecture';
import type { Layer, Mode } from './layer';
import type { ParameterStore } from './parameterStore';
import { basicResidualFunction, bottleneckResidualFunction } from './residualFunctions';
import { buildShortcut } from './shortcut';

/** Plain blocks have no shortcut; calling it would be a bug in this file. */
const noShortcut: Layer = {
  apply() {
    throw new Error('A plain block has no shortcut');
  },
};

/**
 * One block of a stage, plain or residual. The two differ ONLY in the addition (§3.3: the residual net is the
 * plain net with shortcut connections inserted; §4.2: one per pair of 3x3 layers). Same layers, same names,
 * same initial weights for a given seed. Parameter names start with `scope`, e.g. 'stage2/block0'.
 */
export function buildBlock(store: ParameterStore, scope: string, block: BlockSpec, config: ModelConfig): Layer {
  const residualFunction =
    config.block === 'basic'
      ? basicResidualFunction(store, scope, block)
      : bottleneckResidualFunction(store, scope, block);
  const { blockType } = config;
  // Built (and its parameters registered) only for residual nets: a plain net never pays for projections.
  const shortcut =
    blockType === 'residual' ? buildShortcut(store, `${scope}/shortcut`, block, config.shortcut) : noShortcut;

  return {
    apply(x: tf.Tensor4D, mode: Mode): tf.Tensor4D {
      // §3.2, Eqn. (1): y = F(x, {W_i}) + x for a residual block, y = F(x) for a plain one; then Fig. 2's
      // "second nonlinearity after the addition": y = relu(F(x) + x) or relu(F(x)). F's last batch norm
      // performs the addition and the ReLU (one fused kernel on WebGPU, tf.add + tf.relu elsewhere).
      if (blockType === 'residual') return residualFunction.apply(x, mode, addThenRelu(shortcut.apply(x, mode)));
      return residualFunction.apply(x, mode, RELU);
    },
  };
}
