import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config for the app, the unit tests and the reference tests.
export default defineConfig({
  plugins: [react()],
  // Relative asset paths so the built app also works from a sub-folder (e.g. static hosting).
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // The app, and the benchmark page that drives the same worker (npm run bench).
    rolldownOptions: { input: { app: 'index.html', bench: 'bench.html' } },
  },
  preview: { port: 5173, strictPort: true },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.webgpu.test.ts'], environment: 'node', testTimeout: 120_000 },
      },
      {
        extends: true,
        // The fused WGSL kernels against the reference tfjs ops, on the real webgpu backend in Node (Dawn, the
        // `webgpu` package). Run under scripts/vulkan-env.mjs, which finds a Vulkan loader (SwiftShader here).
        test: {
          name: 'webgpu',
          include: ['src/**/*.webgpu.test.ts', 'tests/reference/**/*.webgpu.test.ts'],
          setupFiles: ['src/model/kernels/testing/webgpuSetup.ts'],
          environment: 'node',
          testTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // Compares the tfjs network with the same network in PyTorch (Debian's python3-torch).
        test: { name: 'reference', include: ['tests/reference/**/*.test.ts'], exclude: ['tests/reference/**/*.webgpu.test.ts'], environment: 'node', testTimeout: 300_000 },
      },
    ],
  },
});
