// A device report: what this GPU is, which kernel implementation it runs fastest at each shape of the networks
// measured and how long each took, GPU time by kernel class for one step, and the recorded step's speed and
// achieved GFLOP/s for each network. One JSON in the benchmark's format (bench/*.json), so a user can send it and
// it reads like the project's own figures. Made by `npm run bench:node -- --report` and by the page's
// "Device report" (the worker), with the same code.
import * as tf from '@tensorflow/tfjs';
import { presetById, type TrainConfig } from '../config';
import { TrainingEngine } from '../engine/trainStep';
import type { AutotuneResult } from '../model/kernels/autotune';
import type { KernelClass } from '../model/kernels/kernelChoice';
import { trainingFlopsPerImage } from '../model/trainingFlops';
import { webGpuBackend } from '../model/kernels/gpuDispatch';
import { isCpuAdapter } from '../model/kernels/reductionThreads';
import { syntheticBatches } from './syntheticBatches';

export interface DeviceFacts {
  vendor: string;
  architecture: string;
  description: string;
  /** A CPU emulation (SwiftShader, llvmpipe): its times say nothing of a GPU. */
  software: boolean;
  /** Optional WebGPU features of the device tfjs opened: timestamp-query times kernels; shader-f16 and subgroups
   *  are not used yet (a candidate could), and tfjs 4.22 asks only for timestamp-query (and bgra8unorm-storage), so
   *  they read false here even where the adapter offers them. */
  features: { timestampQuery: boolean; shaderF16: boolean; subgroups: boolean };
  /** Limits the kernels are written within. */
  limits: { maxComputeWorkgroupStorageSize: number; maxComputeInvocationsPerWorkgroup: number; maxStorageBufferBindingSize: number; maxBufferSize: number };
}

export interface NetworkSpeed {
  engine: string;
  model: string;
  batchSize: number;
  steps: number;
  msPerStep: number;
  imagesPerSecond: number;
  trainingMflopPerImage: number;
  achievedGflops: number;
  /** How the steps ran: recorded and replayed, or through the tape (and why). */
  capture: TrainingEngine['capture'];
  /** GPU milliseconds of one step in each kernel class, at the chosen implementations' timed speed (count x time);
   *  'measured step' is the whole step's wall time per step, for what the classes leave out. */
  gpuMsPerStepByKernelClass: Partial<Record<KernelClass, number>>;
  kernels: AutotuneResult;
}

export interface DeviceReport {
  measuredAt: string;
  runtime: string;
  adapter: string;
  device: DeviceFacts;
  results: NetworkSpeed[];
}

export interface DeviceReportOptions {
  /** Networks by depth (ResNet-20 and ResNet-56 by default), at batchSize (128 by default, the paper's). */
  depths?: number[];
  batchSize?: number;
  /** Timed steps per network after the recorded one. */
  steps?: number;
  /** Wall-time budget of each network's kernel timing (ms). */
  tuningBudgetMs?: number;
  /** Width of the networks (16 in the paper; a small one keeps a software adapter's report short). */
  width?: number;
  onProgress?: (what: string) => void;
}

export function deviceFacts(): DeviceFacts {
  const backend = webGpuBackend() as unknown as { device: GPUDevice; adapterInfo?: { vendor?: string; architecture?: string } };
  const { device } = backend;
  const info = (device as unknown as { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  const vendor = info?.vendor || backend.adapterInfo?.vendor || '';
  const architecture = info?.architecture || backend.adapterInfo?.architecture || '';
  const l = device.limits;
  return {
    vendor,
    architecture,
    description: info?.description ?? '',
    software: isCpuAdapter({ vendor, architecture }),
    features: {
      timestampQuery: device.features.has('timestamp-query'),
      shaderF16: device.features.has('shader-f16'),
      subgroups: device.features.has('subgroups'),
    },
    limits: {
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
    },
  };
}

/** Measures one network: its first step collects the kernel shapes, every candidate is timed at them (choices
 *  kept for this adapter), then `steps` recorded steps are timed. Leaves the choices set. */
async function measureNetwork(config: TrainConfig, steps: number, tuningBudgetMs: number): Promise<NetworkSpeed> {
  const batches = syntheticBatches(config);
  const engine = new TrainingEngine(config, batches.meanImage, { tuneKernels: true });
  try {
    const step = () => engine.step(engine.input.prepare(batches.images, batches.nextIndices(), batches.augmentation), config.learningRate);
    step(); // through the tape, collecting the kernel uses
    const kernels = await engine.tuneKernels(tuningBudgetMs, { every: true });
    step(); // recorded, with the pipelines of the chosen implementations compiled
    await engine.metrics.readAndReset();
    const start = performance.now();
    for (let i = 0; i < steps; i++) step();
    await engine.metrics.readAndReset();
    const msPerStep = (performance.now() - start) / steps;
    const flops = trainingFlopsPerImage(config.model);
    const byClass: Partial<Record<KernelClass, number>> = {};
    for (const t of kernels.timings) {
      const chosen = t.candidates.find((c) => c.name === t.chosen)?.ms;
      if (chosen !== undefined && chosen !== null) byClass[t.kernelClass] = round((byClass[t.kernelClass] ?? 0) + t.count * chosen, 3);
    }
    return {
      engine: 'this engine, fused kernels, the step recorded once and replayed',
      model: `${config.model.blockType === 'plain' ? 'plain' : 'ResNet'}-${config.model.depth}${config.model.width === 16 ? '' : ` width ${config.model.width}`}`,
      batchSize: config.batchSize,
      steps,
      msPerStep: round(msPerStep, 2),
      imagesPerSecond: round((1000 * config.batchSize) / msPerStep, 1),
      trainingMflopPerImage: round(flops / 1e6, 1),
      achievedGflops: round((flops * config.batchSize) / (msPerStep / 1000) / 1e9, 1),
      capture: engine.capture,
      gpuMsPerStepByKernelClass: byClass,
      kernels,
    };
  } finally {
    engine.dispose();
  }
}

export async function measureDeviceReport(runtime: string, adapter: string, options: DeviceReportOptions = {}): Promise<DeviceReport> {
  if (tf.getBackend() !== 'webgpu') throw new Error('A device report needs the WebGPU backend');
  const { depths = [20, 56], batchSize = 128, steps = 10, tuningBudgetMs = 60_000, width = 16 } = options;
  const paper = presetById('paper').config;
  const results: NetworkSpeed[] = [];
  for (const depth of depths) {
    options.onProgress?.(`ResNet-${depth}, batch ${batchSize}`);
    results.push(await measureNetwork({ ...paper, batchSize, model: { ...paper.model, depth, width } }, steps, tuningBudgetMs));
  }
  return { measuredAt: new Date().toISOString(), runtime, adapter, device: deviceFacts(), results };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
