// Floating-point operations to train a network on one image, from its architecture (§4.2's CIFAR nets): forward
// = 2 FLOPs per multiply-add of every convolution and of the classifier; a training step costs about 3x forward
// (the forward pass, the gradient with respect to each layer's input and the one with respect to its weights),
// the usual convention, so achieved GFLOP/s compare across frameworks. Batch norm, ReLU, pooling, the loss and
// the update are left out (well under 1% of the multiply-adds here). ResNet-20: 40.6 M multiply-adds forward,
// so about 243 MFLOP per training image.
import type { ModelConfig } from '../config';
import { changesShape, describeArchitecture, INPUT_CHANNELS, KERNEL } from './architecture';

/** CIFAR-10's image side, in pixels (§4.2: 32x32 inputs). */
const IMAGE_SIDE = 32;

export function forwardMultiplyAdds(config: ModelConfig): number {
  const a = describeArchitecture(config);
  let side = IMAGE_SIDE;
  let total = side * side * KERNEL * KERNEL * INPUT_CHANNELS * a.stemChannels;
  const conv = (k: number, inC: number, outC: number) => side * side * k * k * inC * outC;
  for (const stage of a.stages) {
    for (const block of stage) {
      const inputSide = side;
      side = side / block.stride;
      if (config.block === 'basic') {
        total += conv(3, block.inChannels, block.innerChannels) + conv(3, block.innerChannels, block.outChannels);
      } else {
        // 1x1 reduce (before the stride), 3x3 (carries the stride), 1x1 expand.
        total += inputSide * inputSide * block.inChannels * block.innerChannels;
        total += conv(3, block.innerChannels, block.innerChannels) + conv(1, block.innerChannels, block.outChannels);
      }
      // Option B's projection (§3.3, Eqn. 2): a 1x1 convolution where the shape changes; option A has none.
      if (config.blockType === 'residual' && config.shortcut === 'B' && changesShape(block)) total += conv(1, block.inChannels, block.outChannels);
    }
  }
  return total + a.featureChannels * a.classes;
}

/** FLOPs of one training step per image: 3 x 2 x forward multiply-adds. */
export function trainingFlopsPerImage(config: ModelConfig): number {
  return 6 * forwardMultiplyAdds(config);
}
