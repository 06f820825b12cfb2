// Vitest setup of the WebGPU tier: tfjs's webgpu backend on Dawn (run under scripts/vulkan-env.mjs).
import { useNodeWebGpu } from '../../../bench/nodeWebGpu';

await useNodeWebGpu();
