// Benchmark without a browser: this project's training step in Node on Dawn (the `webgpu` npm package), counted
// at the WebGPU API. Prints a table and writes JSON. Asserts nothing.
//   npm run bench:node -- [--depths 20,56] [--batch 16] [--steps 20] [--warmup 3]
//                         [--engines fused,taped,reference,layers] [--out bench/node.json] [--profile] [--backend null]
// --backend null (or --dawn-null) runs on Dawn's null backend (no shader runs): the CPU's own cost per step, and
// prints the CPU ceiling: the images/s no GPU can beat with that engine (batch / CPU time per step).
// --report writes the device report instead (src/bench/deviceReport.ts: the adapter, every kernel candidate timed
// at each shape with the choice, GPU time per kernel class, images/s and GFLOP/s of the recorded step), by default
// for ResNet-20 and ResNet-56 at batch 128 (--depths, --batch, --width 16, --steps 10 change that).
// --profile adds one more step timed program by program (src/bench/programTimes.ts: GPU time per program where
// the GPU is the bottleneck, as on SwiftShader).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { presetById, type TrainConfig } from '../src/config';
import { BENCH_ENGINE_LABEL, isBenchEngine, stepperFor } from '../src/bench/engines';
import { measureSteps } from '../src/bench/measureSteps';
import { timeProgramsOfOneStep, type ProgramTime } from '../src/bench/programTimes';
import { useNodeWebGpu } from '../src/bench/nodeWebGpu';
import type { TrainingEngine } from '../src/engine/trainStep';
import { measureDeviceReport } from '../src/bench/deviceReport';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const depths = option('depths', '20,56').split(',').map(Number);
const batchSize = Number(option('batch', '16'));
const steps = Number(option('steps', '20'));
const warmupSteps = Number(option('warmup', '3'));
const out = option('out', '');
const engines = option('engines', 'fused,taped,reference,layers').split(',').filter(isBenchEngine);
const profile = args.includes('--profile');
const nullBackend = args.includes('--dawn-null') || option('backend', '') === 'null';

async function main(): Promise<void> {
  const { adapter } = await useNodeWebGpu({ nullBackend });
  if (args.includes('--report')) return writeDeviceReport(adapter);
  console.log(`Node ${process.version}, Dawn (webgpu npm package), adapter: ${adapter}; batch ${batchSize}, ${steps} steps after ${warmupSteps} warm-up steps`);
  const paper = presetById('paper').config;
  const results = [];
  for (const depth of depths) {
    for (const engine of engines) {
      const config: TrainConfig = { ...paper, batchSize, model: { ...paper.model, depth } };
      const stepper = stepperFor(engine, config);
      const m = await measureSteps(stepper, batchSize, { steps, warmupSteps, readEvery: Math.min(20, steps) });
      let programTimes: { totalMs: number; programs: ProgramTime[] } | undefined;
      if (profile) {
        programTimes = await timeProgramsOfOneStep(stepper);
        console.log(`ResNet-${depth} ${engine}: one step, ${programTimes.totalMs} ms, by program (ms):`);
        for (const p of programTimes.programs.slice(0, 12)) console.log(`  ${p.program.padEnd(40)} ${String(p.ms).padStart(8)}  (${p.dispatches} dispatches)`);
      }
      // How the engine ran its steps (recorded and replayed, or through the tape, and why).
      const capture = 'engine' in stepper ? (stepper as { engine: TrainingEngine }).engine.capture : undefined;
      stepper.dispose();
      results.push({ engine: BENCH_ENGINE_LABEL[engine], kernels: engine, model: `ResNet-${depth}`, batchSize, ...m, capture, programTimes });
      console.log(JSON.stringify({ depth, engine, ...m.perStep, ms: m.msPerStep, ips: m.imagesPerSecond, tensors: m.tensorsAlive, growth: m.tensorGrowth }));
      console.log(JSON.stringify(m.dispatchesByLabelPerStep));
      // Written after every measurement, so a long run that is cut short keeps what it measured.
      if (out) {
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, JSON.stringify({ measuredAt: new Date().toISOString(), runtime: `Node ${process.version} + Dawn`, adapter, results }, null, 2));
      }
    }
  }
  if (nullBackend) {
    console.log(`\nCPU ceiling (Dawn null backend: no shader runs, so this is the CPU's time per step; batch ${batchSize}):`);
    console.log(`${'model'.padEnd(11)} ${'engine'.padEnd(10)} ${'CPU ms/step'.padStart(11)} ${'img/s ceiling'.padStart(14)} ${'dispatches'.padStart(10)} ${'bind groups'.padStart(11)} ${'buffers'.padStart(8)}`);
    for (const r of results) {
      console.log(
        `${r.model.padEnd(11)} ${r.kernels.padEnd(10)} ${String(r.msPerStep).padStart(11)} ${String(Math.round(r.imagesPerSecond)).padStart(14)} ` +
          `${String(r.perStep.dispatches).padStart(10)} ${String(r.perStep.bindGroupsCreated).padStart(11)} ${String(r.perStep.buffersCreated).padStart(8)}`,
      );
    }
  }
}

async function writeDeviceReport(adapter: string): Promise<void> {
  const report = await measureDeviceReport(`Node ${process.version} + Dawn`, adapter, {
    depths: option('depths', '20,56').split(',').map(Number),
    batchSize: Number(option('batch', '128')),
    steps: Number(option('steps', '10')),
    width: Number(option('width', '16')),
    onProgress: (what) => console.log(`measuring ${what}…`),
  });
  for (const r of report.results) {
    console.log(`${r.model} batch ${r.batchSize}: ${r.msPerStep} ms/step, ${r.imagesPerSecond} img/s, ${r.achievedGflops} GFLOP/s (${r.trainingMflopPerImage} MFLOP/image); kernels timed by ${r.kernels.timing} in ${r.kernels.spentMs} ms`);
    for (const t of r.kernels.timings) {
      console.log(`  ${t.kernelClass.padEnd(20)} ${t.shapeKey.padEnd(34)} x${t.count}  ${t.candidates.map((c) => `${c.name} ${c.ms === null ? `(${c.why})` : `${c.ms.toFixed(3)} ms`}`).join(', ')}  -> ${t.chosen}`);
    }
  }
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
