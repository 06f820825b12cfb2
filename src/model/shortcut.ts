import * as tf from '@tensorflow/tfjs';
import type { ShortcutOption } from '../config';
import { changesShape, type BlockSpec } from './architecture';
import { ConvBn } from './convBn';
import { useFusedKernels } from './kernels/kernelMode';
import { zeroPadShortcutFused } from './kernels/zeroPadShortcut';
import type { Layer } from './layer';
import type { ParameterStore } from './parameterStore';

/** §3.2, Eqn. (1): where input and output have the same shape the shortcut is the identity, x. */
export const identityShortcut: Layer = { apply: (x) => x };

/**
 * Option A (§3.3, used for all CIFAR-10 ResNets in §4.2): "the shortcut still performs identity mapping,
 * with extra zero entries padded for increasing dimensions", and stride 2 where the map halves. No
 * parameters, so a ResNet has exactly as many as its plain counterpart.
 * Equals x[:, ::2, ::2, :] (stride 2) followed by zero channels APPENDED after the existing ones, as the
 * reference recipe does. tf.stridedSlice has no gradient in tfjs 4.22, so the subsampling is an average
 * pool over a 1x1 window with stride 2 (averaging one value changes nothing; it does have a gradient).
 */
export function subsampleAndZeroPad(x: tf.Tensor4D, stride: 1 | 2, outChannels: number): tf.Tensor4D {
  const extraChannels = outChannels - x.shape[3];
  if (extraChannels < 0) throw new Error(`Option A cannot shrink ${x.shape[3]} channels to ${outChannels}`);
  if (stride === 1 && extraChannels === 0) return x;
  if (useFusedKernels()) return zeroPadShortcutFused(x, stride, outChannels); // one kernel each way on WebGPU
  const subsampled = stride === 1 ? x : tf.avgPool(x, 1, stride, 'valid');
  return extraChannels === 0
    ? subsampled
    : tf.pad(subsampled, [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, extraChannels],
      ]);
}

/** Option A as a layer for one block. */
export function zeroPadShortcut(block: BlockSpec): Layer {
  return { apply: (x) => subsampleAndZeroPad(x, block.stride, block.outChannels) };
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
      return zeroPadShortcut(block);
    case 'B':
      return projectionShortcut(store, scope, block);
  }
}
