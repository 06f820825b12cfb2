// WebGPU tier: the filter gradient (convFilterGradient.ts) against tfjs's own webgpu kernel, on every kind of convolution the
// networks use (testing/convCases.ts).
import { describeConvKernel } from './testing/convCases';

describeConvKernel('filter');
