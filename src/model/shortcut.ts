import * as tf from '@tensorflow/tfjs';
import type { ShortcutOption } from '../config';
import { changesShape, type BlockSpec } from './architecture';
import { ConvBn } from './convBn';
import { currentOps, type NetworkOps } from './ops';
import type { Layer } from './layer';
import type { ParameterStore } from './parameterStore';

/** §3.2, Eqn. (1): where input and output have the same shape the shortcut is the identity, x. */
export const identityShortcut: Layer = { apply: (x) => x };

/**
 * Option A (§3.3, used for all CIFAR-10 ResNets in §4.2): "the shortcut still performs identity mapping,
 * with extra zero entries padded for increasing dimensions", and stride 2 where the map halves. No
 * parameters, so a ResNet has exactly as many as its plain counterpart.
 * Equals x[:, ::2, ::2, :] (stride 2) followed by zero channels APPENDED after the existing ones, as the
 * reference recipe does (ops.zeroPadShortcut: one kernel each way on WebGPU, avgPool + pad in referenceOps.ts).
 */
export function subsampleAndZeroPad(x: tf.Tensor4D, stride: 1 | 2, outChannels: number, ops: NetworkOps = currentOps()): tf.Tensor4D {
  const extraChannels = outChannels - x.shape[3];
  if (extraChannels < 0) throw new Error(`Option A cannot shrink ${x.shape[3]} channels to ${outChannels}`);
  if (stride === 1 && extraChannels === 0) return x;
  return ops.zeroPadShortcut(x, stride, outChannels);
}

/** Option A as a layer for one block. */
export function zeroPadShortcut(block: BlockSpec, ops: NetworkOps): Layer {
  return { apply: (x) => subsampleAndZeroPad(x, block.stride, block.outChannels, ops) };
}

/**
 * Option B (§3.3, Eqn. (2), used for ImageNet in Table 3; an EXTENSION on CIFAR): a projection
 * W_s x = 1x1 conv (stride 2 where the map halves, no bias) + BN. Parameters: C_in*C_out + 2*C_out.
 */
export function projectionShortcut(store: ParameterStore, scope: string, block: BlockSpec): Layer {
  return new ConvBn(store, scope, '', {
    kernelSize: 1,
    inChannels: block.inChannels,
    outChannels: block.outChannels,
    stride: block.stride,
  });
}

/** The shortcut of one residual block: identity where the shape is kept, option A or B where it changes. */
export function buildShortcut(store: ParameterStore, scope: string, block: BlockSpec, option: ShortcutOption): Layer {
  if (!changesShape(block)) return identityShortcut;
  switch (option) {
    case 'A':
      return zeroPadShortcut(block, store.ops);
    case 'B':
      return projectionShortcut(store, scope, block);
  }
}
