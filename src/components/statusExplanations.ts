// The status bar's terms in words a student understands, shown under "What does this mean?": the backend and its
// adapter ("google swiftshader · fused WGSL kernels") and the run's figures ("80 tensors · 0.1 MB on the GPU").
import type { BackendName } from '../protocol';

/** Adapters that are a program imitating a GPU on the processor, not a GPU. */
const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/i;

export function backendExplanation(name: BackendName, detail: string): string[] {
  const lines = [
    {
      webgpu: 'WebGPU: the browser trains the network on the graphics card (GPU), which does thousands of multiplications at once.',
      webgl: 'WebGL: the graphics card (GPU) through the browser’s older graphics interface; slower than WebGPU, which this browser did not offer.',
      cpu: 'CPU: the processor alone, without a graphics card; the slowest way to train.',
    }[name],
  ];
  if (SOFTWARE_ADAPTER.test(detail)) {
    lines.push(
      `“${SOFTWARE_ADAPTER.exec(detail)![0]}” is not a graphics card: this browser has no GPU it may use, so it imitates one on the processor. Training works but takes hundreds of times longer than on a real GPU.`,
    );
  }
  if (detail.includes('fused WGSL kernels')) {
    lines.push('“Fused WGSL kernels”: this page’s own GPU programs (WGSL is WebGPU’s language for them). Each does several steps of a layer in one go, so a training step needs fewer calls to the GPU.');
  }
  if (detail.includes('through the tape')) {
    lines.push('“Each step through the tape”: every training step is worked out again by TensorFlow.js, as the address asks (?kernels=taped), instead of being recorded once and replayed. Same numbers, more work for the processor: for comparison and debugging.');
  }
  if (detail.includes('reference tfjs ops')) {
    lines.push('“Reference tfjs ops”: TensorFlow.js’s standard GPU programs instead of this page’s faster ones, because the address asks for them (?kernels=reference).');
  }
  return lines;
}

/** What the figures next to a training run mean. */
export const RUN_FIGURES_EXPLANATION: readonly string[] = [
  'img/s: training images per second. ETA: the time left for this run at that speed.',
  'Tensors: the arrays of numbers the network is made of (weights, their gradients, the images of a step). Their count stays the same while a run trains; if it grew, memory would leak.',
  'MB on the GPU: the graphics memory those arrays take.',
  'Checkpoint: a saved copy of the network and where it was, so a reload, a closed tab or a crash goes on from there instead of starting over.',
];
