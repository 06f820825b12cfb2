// The shape of a CIFAR-10 network as plain numbers (no tensors): which layers, how many channels, which
// strides. The builder and the analytic parameter count both read it, so they cannot disagree.
import { blocksPerStage, layersPerBlock, type ModelConfig } from '../config';

/** One block of a stage. Channels are feature-map depths; stride 2 halves the map (32 -> 16 -> 8). */
export interface BlockSpec {
  inChannels: number;
  /** Filters of the block's inner layers: the 3x3 convs of a basic block, the 1x1-3x3 of a bottleneck. */
  innerChannels: number;
  outChannels: number;
  stride: 1 | 2;
}

export interface Architecture {
  /** §4.2: "The first layer is 3x3 convolutions" with 16 filters (width). */
  stemChannels: number;
  /** blocksPerStage blocks in each of the 3 stages (feature maps 32, 16, 8). */
  stages: BlockSpec[][];
  /** Channels entering global average pooling, i.e. the FC layer's fan-in (§4.2: 64). */
  featureChannels: number;
  classes: number;
}

/** CIFAR-10. */
export const CLASSES = 10;
/** RGB input. */
export const INPUT_CHANNELS = 3;
/** 3x3 convolutions everywhere except the bottleneck's 1x1 layers and the option-B projections. */
export const KERNEL = 3;

/** Output channels = innerChannels * expansion. He et al. 2016 ("Identity mappings") use 4 for their CIFAR
 *  bottleneck ResNets (16/32/64 inner, 64/128/256 out). */
function expansion(config: ModelConfig): number {
  return config.block === 'bottleneck' ? 4 : 1;
}

/** True where a shortcut cannot be the identity: the block halves the map or changes the depth (§3.3). */
export function changesShape(block: BlockSpec): boolean {
  return block.stride !== 1 || block.inChannels !== block.outChannels;
}

/** The depths that are valid for a block kind, for error messages: 6n+2 (basic) or 9n+2 (bottleneck). */
export function describeValidDepths(block: ModelConfig['block']): string {
  const perStage = 3 * layersPerBlock(block);
  const examples = [1, 2, 3, 4, 5].map((n) => perStage * n + 2).join(', ');
  const paper = block === 'basic' ? '; the paper uses 20, 32, 44, 56, 110 and 1202' : '';
  return `${perStage}n+2 with n >= 1 (${examples}, ...${paper})`;
}

/** Throws a readable error for a config that does not describe a network. */
export function describeArchitecture(config: ModelConfig): Architecture {
  const n = blocksPerStage(config.depth, config.block);
  if (n === null) {
    throw new Error(
      `Invalid depth ${config.depth} for ${config.block} blocks: depth must be ${describeValidDepths(config.block)}`,
    );
  }
  if (!Number.isInteger(config.width) || config.width < 1) {
    throw new Error(`Invalid width ${config.width}: must be a positive integer (the paper uses 16)`);
  }
  const grow = expansion(config);
  const stages: BlockSpec[][] = [];
  let channels = config.width;
  for (let s = 0; s < 3; s++) {
    // §4.2: filters width, 2*width, 4*width; stages 2 and 3 start with a stride-2 layer.
    const inner = config.width * 2 ** s;
    const blocks: BlockSpec[] = [];
    for (let b = 0; b < n; b++) {
      const stride = s > 0 && b === 0 ? 2 : 1;
      blocks.push({ inChannels: channels, innerChannels: inner, outChannels: inner * grow, stride });
      channels = inner * grow;
    }
    stages.push(blocks);
  }
  return { stemChannels: config.width, stages, featureChannels: channels, classes: CLASSES };
}
