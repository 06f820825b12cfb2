import { describe, expect, it } from 'vitest';
import type { DeviceReport, NetworkSpeed } from '../bench/deviceReport';
import {
  adapterFromDetail,
  adapterName,
  binaryBytes,
  candidateCells,
  captureWords,
  classRows,
  formatMs,
  kernelClassWords,
  limitWords,
  reportFileName,
  reportJson,
  reportRequest,
  shapeWords,
  speedWords,
} from './deviceReportView';

const network: NetworkSpeed = {
  engine: 'this engine',
  model: 'ResNet-8 width 4',
  batchSize: 16,
  steps: 10,
  msPerStep: 250,
  imagesPerSecond: 64,
  trainingMflopPerImage: 12.3,
  achievedGflops: 0.8,
  capture: { state: 'replayed', dispatches: 1234, recordings: 1, ownBytes: 0, peakBytes: 0 },
  gpuMsPerStepByKernelClass: { batchNormForward: 10, convForward: 120 },
  kernels: {
    timing: 'wall-clock',
    budgetMs: 60_000,
    spentMs: 4000,
    choices: {},
    timings: [
      {
        kernelClass: 'convForward',
        shapeKey: '16x32x32x3x32x32x4x3x3x1x1x1x1',
        count: 1,
        chosen: 'tiled',
        candidates: [
          { name: 'direct', ms: 1.5 },
          { name: 'tiled', ms: 0.75 },
          { name: 'wide', ms: null, why: 'over the time budget: the default is kept' },
        ],
      },
    ],
  },
};

const report: DeviceReport = {
  measuredAt: '2026-01-02T03:04:05.000Z',
  runtime: 'Chrome/140 (web worker)',
  adapter: 'google|swiftshader',
  device: {
    vendor: 'google',
    architecture: 'swiftshader',
    description: '',
    software: true,
    features: { timestampQuery: false, shaderF16: true, subgroups: false },
    limits: { maxComputeWorkgroupStorageSize: 16384, maxComputeInvocationsPerWorkgroup: 256, maxStorageBufferBindingSize: 134217728, maxBufferSize: 268435456 },
  },
  results: [network],
};

describe('the device report request', () => {
  it('asks for the paper’s networks on a GPU and a tiny one on a software adapter', () => {
    expect(reportRequest(false)).toMatchObject({ depths: [20, 56], batchSize: 128, width: 16 });
    expect(reportRequest(true)).toMatchObject({ depths: [8], batchSize: 16, width: 4 });
    expect(reportRequest(true).networks).toContain('ResNet-8');
  });
});

describe('the device report in words', () => {
  it('names the adapter from its facts, or from its key when it gives none', () => {
    expect(adapterName(report)).toBe('google (swiftshader)');
    expect(adapterName({ ...report, device: { ...report.device, vendor: '', architecture: '' } })).toBe('google|swiftshader');
  });

  it('takes the adapter from the backend detail, without the words on kernels', () => {
    expect(adapterFromDetail('google swiftshader (fallback adapter) · fused WGSL kernels · kernels not timed')).toBe('google swiftshader (fallback adapter)');
    expect(adapterFromDetail('')).toBe('');
  });

  it('gives the limits in binary units, as they are powers of two', () => {
    expect(binaryBytes(16384)).toBe('16 KiB');
    expect(binaryBytes(268435456)).toBe('256 MiB');
    expect(binaryBytes(1536)).toBe('1.5 KiB');
    expect(limitWords(report.device.limits).map((l) => l.value)).toEqual(['16 KiB', '256', '128 MiB', '256 MiB']);
  });

  it('says a network’s speed in one line', () => {
    expect(speedWords(network)).toBe('64.0 images/s · 250 ms per step · 0.8 GFLOP/s achieved');
    expect(speedWords({ ...network, imagesPerSecond: 4321.7 })).toContain('4,322 images/s');
  });

  it('says how the steps ran', () => {
    expect(captureWords(network.capture)).toContain('replayed');
    expect(captureWords({ state: 'tape', why: 'too many buffers' })).toContain('too many buffers');
  });

  it('orders the kernel classes by GPU time, with their share of the step', () => {
    const rows = classRows(network);
    expect(rows.map((r) => r.kernelClass)).toEqual(['convForward', 'batchNormForward']);
    expect(rows[0].shareOfStep).toBeCloseTo(0.48, 5);
    expect(rows[0].label).toBe(kernelClassWords('convForward'));
    expect(kernelClassWords('someNewClass')).toBe('someNewClass');
  });

  it('reads convolution and batch norm shapes, and keeps a key it does not know', () => {
    expect(shapeWords('convForward', '16x32x32x3x32x32x4x3x3x1x1x1x1')).toBe('32×32×3 → 32×32×4, 3×3, batch 16');
    expect(shapeWords('convFilterGradient', '16x32x32x4x16x16x8x3x3x2x2x0x0')).toContain('stride 2');
    expect(shapeWords('batchNormBackward', '4|16384|true|true')).toBe('4 channels × 16,384 values + shortcut + ReLU');
    expect(shapeWords('batchNormForward', '4|16384|false|false')).toBe('4 channels × 16,384 values');
    expect(shapeWords('convForward', 'something else')).toBe('something else');
  });

  it('marks the chosen candidate and says why one was not timed', () => {
    const cells = candidateCells(network.kernels.timings[0]);
    expect(cells.filter((c) => c.chosen).map((c) => c.name)).toEqual(['tiled']);
    expect(cells[1].text).toBe('0.750 ms');
    expect(cells[2].text).toContain('over the time budget');
  });

  it('formats milliseconds to about three digits', () => {
    expect(formatMs(0.01234)).toBe('0.0123 ms');
    expect(formatMs(1234.4)).toBe('1,234 ms');
    expect(formatMs(Number.NaN)).toBe('–');
  });
});

describe('the device report file', () => {
  it('is the report as indented JSON, which parses back to it', () => {
    expect(JSON.parse(reportJson(report))).toEqual(report);
    expect(reportJson(report)).toContain('\n  "measuredAt"');
  });

  it('is named by the local date and time, without colons', () => {
    expect(reportFileName(new Date(2026, 0, 2, 3, 4))).toBe('device-report-2026-01-02T03-04.json');
  });
});
