// The fused kernels that take the place of tfjs's own webgpu kernels by name (the others are called by the
// model's layers directly): the convolution and its two gradients, each the implementation kernelChoice.ts picks
// for the shape, and the equal-shape add that tfjs's gradient tape runs where two gradients meet.
import * as tf from '@tensorflow/tfjs';
import { CONV_FILTER_GRADIENT, CONV_FORWARD, CONV_INPUT_GRADIENT } from './candidates';
import { convGeometry, type ConvAttributes, type ConvGeometry } from './convGeometry';
import { installElementwiseAdd } from './elementwiseAdd';
import { allocate } from './gpuDispatch';
import { implementationFor } from './kernelChoice';
import { replaceWebGpuKernel } from './replaceWebGpuKernel';

/** Everything that tells two convolutions' kernels apart. */
export function convShapeKey(g: ConvGeometry): string {
  return [g.batch, g.inHeight, g.inWidth, g.inChannels, g.outHeight, g.outWidth, g.outChannels, g.kernelHeight, g.kernelWidth, g.strideHeight, g.strideWidth, g.padTop, g.padLeft].join('x');
}

/** Call once the webgpu backend is loaded; idempotent. */
export function installWebGpuKernels(): void {
  replaceWebGpuKernel('Conv2D', ({ inputs, attrs }) => {
    const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const g = convGeometry(x.shape, filter.shape, attrs as unknown as ConvAttributes);
    const implementation = g && implementationFor('convForward', convShapeKey(g), g, CONV_FORWARD);
    if (!g || !implementation) return null;
    const y = allocate([g.batch, g.outHeight, g.outWidth, g.outChannels]);
    implementation.run(g, { x, filter, y });
    return y;
  });
  replaceWebGpuKernel('Conv2DBackpropInput', ({ inputs, attrs }) => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const a = attrs as unknown as ConvAttributes & { inputShape: number[] };
    const g = convGeometry(a.inputShape, filter.shape, a);
    if (!g || dy.shape[1] !== g.outHeight || dy.shape[2] !== g.outWidth) return null;
    const implementation = implementationFor('convInputGradient', convShapeKey(g), g, CONV_INPUT_GRADIENT);
    if (!implementation) return null;
    const dx = allocate([g.batch, g.inHeight, g.inWidth, g.inChannels]);
    implementation.run(g, { dy, filter, dx });
    return dx;
  });
  replaceWebGpuKernel('Conv2DBackpropFilter', ({ inputs, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const a = attrs as unknown as ConvAttributes & { filterShape: [number, number, number, number] };
    const g = convGeometry(x.shape, a.filterShape, a);
    if (!g || dy.shape[1] !== g.outHeight || dy.shape[2] !== g.outWidth) return null;
    const implementation = implementationFor('convFilterGradient', convShapeKey(g), g, CONV_FILTER_GRADIENT);
    if (!implementation) return null;
    const dw = allocate(a.filterShape);
    implementation.run(g, { x, dy, dw });
    return dw;
  });
  installElementwiseAdd();
}
