// Reference tier on the WebGPU backend (Dawn, set up by the webgpu project's setup file) with the fused WGSL
// kernels on: the same cases and bounds as the CPU backend (referenceTier.ts), against the same PyTorch.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect } from 'vitest';
import { requestedKernelMode } from '../../src/model/kernels/kernelMode';
import { describeReferenceTier } from './referenceTier';

beforeAll(() => {
  expect(tf.getBackend()).toBe('webgpu');
  expect(requestedKernelMode()).toBe('fused');
});

describeReferenceTier('WebGPU backend, fused kernels', {
  // Measured 2026-12-02 on Dawn/SwiftShader: 9.8e-4 (BN beta of stage2/block0) with the fused kernels AND with
  // ?kernels=reference, so tfjs-backend-webgpu 4.22's own ops (convolutions of the stride-2 bottleneck block with
  // its projection) differ, not the fused kernels (which equal the reference ops to 1.4e-6). Open in issue 7.
  'bottleneck ResNet-11, option B (extension)': {
    bound: 2e-3,
    why: "tfjs-backend-webgpu's own stride-2 bottleneck convolutions differ by up to 9.8e-4; same with ?kernels=reference",
  },
});
