// Every implementation of each kernel class, the default first (kernelChoice.ts runs the first that handles a
// shape unless the GPU was timed or the URL forces another). Each is tested against the reference ops in the
// WebGPU tier.
import { batchNormBackwardPerChannel, batchNormForwardPerChannel } from './batchNormPerChannel';
import { registerTileConvFilterGradient } from './convFilterGradient';
import { registerTileConvForward } from './convForward';
import { registerTileConvInputGradient } from './convInputGradient';
import type {
  BatchNormBackwardImplementation,
  BatchNormForwardImplementation,
  ConvFilterGradientImplementation,
  ConvForwardImplementation,
  ConvInputGradientImplementation,
} from './implementation';

export const CONV_FORWARD: readonly ConvForwardImplementation[] = [registerTileConvForward];
export const CONV_INPUT_GRADIENT: readonly ConvInputGradientImplementation[] = [registerTileConvInputGradient];
export const CONV_FILTER_GRADIENT: readonly ConvFilterGradientImplementation[] = [registerTileConvFilterGradient];
export const BATCH_NORM_FORWARD: readonly BatchNormForwardImplementation[] = [batchNormForwardPerChannel];
export const BATCH_NORM_BACKWARD: readonly BatchNormBackwardImplementation[] = [batchNormBackwardPerChannel];
