// The fused kernels that take the place of tfjs's own webgpu kernels by name (the others are called by the
// model's layers directly): the convolution and its two gradients, and the equal-shape add that tfjs's gradient
// tape runs where two gradients meet.
import { installConvFilterGradient } from './convFilterGradient';
import { installConvForward } from './convForward';
import { installConvInputGradient } from './convInputGradient';
import { installElementwiseAdd } from './elementwiseAdd';

/** Call once the webgpu backend is loaded; idempotent. */
export function installWebGpuKernels(): void {
  installConvForward();
  installConvInputGradient();
  installConvFilterGradient();
  installElementwiseAdd();
}
