// What the "Device report" dialog asks the worker for and how it words the answer (bench/deviceReport.ts): pure
// functions, so the wording is tested without a GPU. Type-only imports: the report's module loads tfjs, which the
// UI thread must not (uiThreadImports.test.ts).
import type { DeviceFacts, DeviceReport, NetworkSpeed } from '../bench/deviceReport';
import type { KernelTiming } from '../model/kernels/autotune';

export interface ReportRequest {
  depths: number[];
  batchSize: number;
  width: number;
  /** Roughly how long the worker takes to measure it, for the progress line ("about 45 s on a GPU"). */
  expectedWait: string;
  /** What is measured, in words ("ResNet-20 and ResNet-56 at batch 128"). */
  networks: string;
}

/** The paper's networks on a GPU. On a CPU emulating one, a ResNet-20 step at batch 128 takes a minute or more,
 *  and the report times every kernel candidate besides: a tiny network keeps the wait short there. */
export function reportRequest(software: boolean): ReportRequest {
  return software
    ? { depths: [8], batchSize: 16, width: 4, expectedWait: 'up to a minute or two on this processor', networks: 'ResNet-8 with 4 filters at batch 16' }
    : { depths: [20, 56], batchSize: 128, width: 16, expectedWait: 'about 45 s on a GPU', networks: 'ResNet-20 and ResNet-56 at batch 128' };
}

/** The adapter in the worker's backend detail ("google swiftshader (fallback adapter) · fused WGSL kernels · …"),
 *  without what follows about the kernels. */
export const adapterFromDetail = (detail: string): string => detail.split(' · ')[0].trim();

/** "google (swiftshader), SwiftShader Device": the adapter's own words, whichever it gives. */
export function adapterName(report: DeviceReport): string {
  const { vendor, architecture, description } = report.device;
  const named = [vendor, architecture ? `(${architecture})` : ''].filter(Boolean).join(' ');
  return [named, description].filter(Boolean).join(', ') || report.adapter || 'an adapter that gives no name';
}

export function featureWords(features: DeviceFacts['features']): { name: string; present: boolean; use: string }[] {
  return [
    { name: 'timestamp-query', present: features.timestampQuery, use: 'times kernels on the GPU itself (else by the wall clock)' },
    { name: 'shader-f16', present: features.shaderF16, use: 'half-precision arithmetic (not used yet)' },
    { name: 'subgroups', present: features.subgroups, use: 'sharing values within a group of threads (not used yet)' },
  ];
}

export function limitWords(limits: DeviceFacts['limits']): { name: string; value: string }[] {
  return [
    { name: 'Workgroup shared memory', value: binaryBytes(limits.maxComputeWorkgroupStorageSize) },
    { name: 'Threads per workgroup', value: limits.maxComputeInvocationsPerWorkgroup.toLocaleString('en-US') },
    { name: 'Largest storage buffer binding', value: binaryBytes(limits.maxStorageBufferBindingSize) },
    { name: 'Largest buffer', value: binaryBytes(limits.maxBufferSize) },
  ];
}

/** Limits are powers of two (16 KiB, 128 MiB, 4 GiB): binary units keep them round. */
export function binaryBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** "1,234 images/s · 103.7 ms per step · 5.2 GFLOP/s achieved". */
export function speedWords(result: NetworkSpeed): string {
  const rate = result.imagesPerSecond >= 100 ? Math.round(result.imagesPerSecond).toLocaleString('en-US') : result.imagesPerSecond.toPrecision(3);
  return `${rate} images/s · ${formatMs(result.msPerStep)} per step · ${result.achievedGflops.toLocaleString('en-US')} GFLOP/s achieved`;
}

/** How the timed steps ran: replayed from one recording (the fast path), or through tfjs's tape, and why. */
export function captureWords(capture: NetworkSpeed['capture']): string {
  return capture.state === 'replayed'
    ? `each step replayed from one recording (${capture.dispatches.toLocaleString('en-US')} GPU dispatches)`
    : `each step run through tfjs's tape, not replayed: ${capture.why}`;
}

const KERNEL_CLASS_WORDS: Record<string, string> = {
  convForward: 'Convolution, forward',
  convInputGradient: 'Convolution, gradient of its input',
  convFilterGradient: 'Convolution, gradient of its filters',
  batchNormForward: 'Batch norm (+ shortcut, ReLU), forward',
  batchNormBackward: 'Batch norm (+ shortcut, ReLU), backward',
};

export const kernelClassWords = (kernelClass: string): string => KERNEL_CLASS_WORDS[kernelClass] ?? kernelClass;

/** The kernel classes' GPU time in one step, most first, each with its share of the step's wall time. */
export function classRows(result: NetworkSpeed): { kernelClass: string; label: string; ms: number; shareOfStep: number }[] {
  return Object.entries(result.gpuMsPerStepByKernelClass)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([kernelClass, ms]) => ({ kernelClass, label: kernelClassWords(kernelClass), ms, shareOfStep: result.msPerStep > 0 ? ms / result.msPerStep : 0 }))
    .sort((a, b) => b.ms - a.ms);
}

/** A shape key (installKernels.ts convShapeKey, batchNormTrain.ts) in words; the key itself when it is not one
 *  of those. */
export function shapeWords(kernelClass: string, shapeKey: string): string {
  const n = shapeKey.split(/[x|]/);
  if (kernelClass.startsWith('conv') && n.length === 13 && n.every((v) => /^\d+$/.test(v))) {
    const [batch, inH, inW, inC, outH, outW, outC, kH, kW, strideH] = n;
    return `${inH}×${inW}×${inC} → ${outH}×${outW}×${outC}, ${kH}×${kW}${strideH === '1' ? '' : ` stride ${strideH}`}, batch ${batch}`;
  }
  if (kernelClass.startsWith('batchNorm') && n.length === 4 && /^\d+$/.test(n[0] + n[1])) {
    const [channels, count, relu, add] = n;
    const extras = [add === 'true' ? '+ shortcut' : '', relu === 'true' ? '+ ReLU' : ''].filter(Boolean).join(' ');
    return `${channels} channels × ${Number(count).toLocaleString('en-US')} values${extras ? ` ${extras}` : ''}`;
  }
  return shapeKey;
}

export interface CandidateCell {
  name: string;
  /** "0.412 ms", or why it was not timed. */
  text: string;
  chosen: boolean;
}

export function candidateCells(timing: KernelTiming): CandidateCell[] {
  return timing.candidates.map((c) => ({ name: c.name, text: c.ms === null ? `not timed: ${c.why ?? 'no reason given'}` : formatMs(c.ms), chosen: c.name === timing.chosen }));
}

/** Milliseconds to three significant digits: a batch norm kernel takes hundredths, a step hundreds. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return `${ms >= 100 ? Math.round(ms).toLocaleString('en-US') : ms.toPrecision(3)} ms`;
}

export const reportJson = (report: DeviceReport): string => JSON.stringify(report, null, 2);

/** device-report-2026-11-27T22-15.json: sorts by time, local clock, no colons (some systems refuse them). */
export function reportFileName(now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `device-report-${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}T${two(now.getHours())}-${two(now.getMinutes())}.json`;
}
