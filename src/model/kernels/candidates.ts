// Every implementation of each kernel class, the default first (kernelChoice.ts runs the first that handles a
// shape unless the GPU was timed or the URL forces another). Each is tested against the reference ops in the
// WebGPU tier.
import { batchNormBackwardPerChannel, batchNormForwardPerChannel } from './batchNormPerChannel';
import { splitReductionBatchNormBackward, splitReductionBatchNormForward } from './batchNormSplit';
import { registerTileConvFilterGradient } from './convFilterGradient';
import { workgroupTileConvFilterGradient } from './convFilterGradientTiled';
import { registerTileConvForward } from './convForward';
import { workgroupTileConvForward } from './convForwardTiled';
import { registerTileConvInputGradient } from './convInputGradient';
import { workgroupTileConvInputGradient } from './convInputGradientTiled';
import type {
  BatchNormBackwardImplementation,
  BatchNormForwardImplementation,
  ConvFilterGradientImplementation,
  ConvForwardImplementation,
  ConvInputGradientImplementation,
} from './implementation';

export const CONV_FORWARD: readonly ConvForwardImplementation[] = [registerTileConvForward, workgroupTileConvForward];
export const CONV_INPUT_GRADIENT: readonly ConvInputGradientImplementation[] = [registerTileConvInputGradient, workgroupTileConvInputGradient];
export const CONV_FILTER_GRADIENT: readonly ConvFilterGradientImplementation[] = [registerTileConvFilterGradient, workgroupTileConvFilterGradient];
export const BATCH_NORM_FORWARD: readonly BatchNormForwardImplementation[] = [batchNormForwardPerChannel, splitReductionBatchNormForward];
export const BATCH_NORM_BACKWARD: readonly BatchNormBackwardImplementation[] = [batchNormBackwardPerChannel, splitReductionBatchNormBackward];
