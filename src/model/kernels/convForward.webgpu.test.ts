// WebGPU tier: the forward convolution (convForward.ts) against tfjs's own webgpu kernel, on every kind of convolution the
// networks use (testing/convCases.ts).
import { describeConvKernel } from './testing/convCases';

describeConvKernel('forward');
