// The convolutions the WebGPU tier checks each conv kernel on: every kind the networks use (3x3 stride 1 and 2
// with padding 1, the 1x1 stride-2 projection of option B, the 1x1 layers of bottleneck blocks, the 3-colour
// first layer) at odd batch sizes and odd map sizes, plus shapes the kernels hand back to tfjs.
export interface ConvCase {
  name: string;
  /** NHWC input shape. */
  x: [number, number, number, number];
  kernel: 1 | 3;
  outChannels: number;
  stride: 1 | 2;
}

export const CONV_CASES: readonly ConvCase[] = [
  { name: '3x3 stride 1, 16 -> 16, batch 3, 32x32', x: [3, 32, 32, 16], kernel: 3, outChannels: 16, stride: 1 },
  { name: '3x3 stride 2, 4 -> 8, batch 1, 8x8', x: [1, 8, 8, 4], kernel: 3, outChannels: 8, stride: 2 },
  { name: '3x3 stride 2, 8 -> 12, batch 2, odd 9x9 map', x: [2, 9, 9, 8], kernel: 3, outChannels: 12, stride: 2 },
  { name: '3x3 stride 1, 64 -> 64, batch 5, 8x8 (stage 3)', x: [5, 8, 8, 64], kernel: 3, outChannels: 64, stride: 1 },
  { name: '1x1 stride 2 (projection), 8 -> 16, batch 2, 9x9', x: [2, 9, 9, 8], kernel: 1, outChannels: 16, stride: 2 },
  { name: '1x1 stride 1 (bottleneck), 16 -> 4, batch 1, 11x11', x: [1, 11, 11, 16], kernel: 1, outChannels: 4, stride: 1 },
  { name: '3x3 stride 1, 3 -> 4 (the first layer), batch 2', x: [2, 32, 32, 3], kernel: 3, outChannels: 4, stride: 1 },
  { name: '1x1 stride 2, 5 -> 7 (odd channels: tfjs kernel)', x: [2, 9, 9, 5], kernel: 1, outChannels: 7, stride: 2 },
];

/** Output height/width of a case (padding (k-1)/2 on each side, as the network's Conv2d). */
export function outSize(c: ConvCase): number {
  const pad = (c.kernel - 1) / 2;
  return Math.floor((c.x[1] + 2 * pad - c.kernel) / c.stride) + 1;
}

/** Whether the WGSL kernels take this case (else tfjs's own kernel runs, and the test checks that too). */
export function fusedHandles(c: ConvCase, gradient: 'forward' | 'input' | 'filter'): boolean {
  if (c.outChannels % 4 !== 0) return false;
  return gradient !== 'input' || c.x[3] % 4 === 0;
}
