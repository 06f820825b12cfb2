// The exported PyTorch script (pytorch/residual_playground.py) run as users run it, on small CIFAR-10 files in
// the official binary layout: it trains what the app trains (the same curves from the app's initial weights and
// the same seed: data order, augmentation, windows, warm-up, schedule, evaluations), torchrun with 2 processes
// (gloo, CPU) trains the same network as 1 process (the batch is split, BN statistics summed over both), a run
// stopped by --time-limit and continued with --resume equals an uninterrupted one, and the app imports what it
// writes as runs trained elsewhere.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, type TrainConfig } from '../../src/config';
import type { CifarSplit } from '../../src/data/cifarFormat';
import { computeMeanImage } from '../../src/data/meanImage';
import { initialWeightsFile } from '../../src/engine/initialWeights';
import { RunControl } from '../../src/engine/runControl';
import { syntheticSplit } from '../../src/engine/testing/syntheticData';
import { train, type TrainerEvent } from '../../src/engine/trainer';
import { parseRunsJson } from '../../src/export/runsJson';
import type { ExportedRun } from '../../src/export/exportFormat';
import { KINK_BOUND, medianAndWorst, relativeDifference } from './compare';
import { requireTorch, SYSTEM_PYTHON } from './torchReference';

const SCRIPT = fileURLToPath(new URL('../../pytorch/residual_playground.py', import.meta.url));
const TRAIN_PER_FILE = 20; // 5 files: 100 training images
const TEST_IMAGES = 40;
const BOUND = 1e-4;

const micro = PRESETS.find((p) => p.id === 'micro')!.config;
/** 4 steps per epoch, 2 epochs, two evaluations per epoch; ResNet-8 with §4.2's warm-up (lr/10 until a window's
 *  training error is below 80%), so the schedule's every branch is compared. */
const base: TrainConfig = { ...micro, seed: 7, epochs: 2, batchSize: 16, trainSubset: 64, testSubset: TEST_IMAGES, evalsPerEpoch: 2 };
const CONFIGS: TrainConfig[] = [
  { ...base, model: { ...base.model, blockType: 'plain' } },
  { ...base, warmup: true },
];

let directory: string;
let train_: CifarSplit;
let test_: CifarSplit;

/** CIFAR-10's binary records: a label byte, then the 3,072 CHW pixel bytes. */
function records(split: CifarSplit, from: number, count: number): Uint8Array {
  const bytes = new Uint8Array(count * 3073);
  for (let i = 0; i < count; i++) {
    bytes[i * 3073] = split.labels[from + i];
    bytes.set(split.images.subarray((from + i) * 3072, (from + i + 1) * 3072), i * 3073 + 1);
  }
  return bytes;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  directory = mkdtempSync(join(tmpdir(), 'exported-script-run-'));
  train_ = syntheticSplit(5 * TRAIN_PER_FILE, 11);
  test_ = syntheticSplit(TEST_IMAGES, 12);
  for (let f = 0; f < 5; f++) writeFileSync(join(directory, `data_batch_${f + 1}.bin`), records(train_, f * TRAIN_PER_FILE, TRAIN_PER_FILE));
  writeFileSync(join(directory, 'test_batch.bin'), records(test_, 0, TEST_IMAGES));
  const runs = [];
  for (const [i, config] of CONFIGS.entries()) {
    writeFileSync(join(directory, `weights-${i}.safetensors`), await initialWeightsFile(config.model, config.seed));
    runs.push({ name: `run ${i}`, config, initialWeights: `weights-${i}.safetensors` });
  }
  const experiment = { format: 'residual-playground-experiment', version: 1, name: 'micro pair', exportedAt: new Date(0).toISOString(), seeds: [7], runs };
  writeFileSync(join(directory, 'experiment.json'), JSON.stringify(experiment));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Runs the script (through torchrun with `processes` > 1) in the temp folder; returns its results file's runs. */
function runScript(name: string, options: { processes?: number; extra?: string[]; experiment?: string } = {}): { runs: ExportedRun[]; text: string; seconds: number; output: string } {
  requireTorch();
  const args = ['--experiment', join(directory, options.experiment ?? 'experiment.json'), '--data', directory, '--no-download', '--out', join(directory, `${name}.json`), '--checkpoints', join(directory, `checkpoints-${name}`), ...(options.extra ?? [])];
  // torch 1.13's torchrun on Python 3.11 (Debian's) crashes on its default --redirects/--tee of 0 (an IntFlag
  // change in 3.11); 2 (stderr) works everywhere.
  const launcher = (options.processes ?? 1) > 1 ? ['-m', 'torch.distributed.run', '--standalone', `--nproc_per_node=${options.processes}`, '--redirects=2', '--tee=2'] : [];
  const started = performance.now();
  const run = spawnSync(SYSTEM_PYTHON, [...launcher, SCRIPT, ...args], { encoding: 'utf8', timeout: 240_000 });
  const seconds = (performance.now() - started) / 1000;
  if (run.error || run.status !== 0) throw new Error(`the script failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stdout}\n${run.stderr}`);
  const text = readFileSync(join(directory, `${name}.json`), 'utf8');
  return { runs: (JSON.parse(text) as { runs: ExportedRun[] }).runs, text, seconds, output: run.stdout };
}

async function appCurves(config: TrainConfig) {
  const events: TrainerEvent[] = [];
  const data = { train: train_, test: test_, meanImage: computeMeanImage(train_) };
  // No coalescing by the clock: every window the loop reads is a point, as the script writes them.
  await train('app', config, data, (e) => events.push(e), new RunControl(), { minReportIntervalMs: 0 });
  const trainPoints = events.flatMap((e) => (e.type === 'trainProgress' ? [{ iteration: e.iteration, trainError: e.trainError, trainLoss: e.trainLoss, learningRate: e.learningRate }] : []));
  const testPoints = events.flatMap((e) => (e.type === 'evaluation' ? [{ iteration: e.iteration, testError: e.testError, testLoss: e.testLoss }] : []));
  const started = events.find((e) => e.type === 'runStarted');
  const diagnostics = {
    layout: started?.type === 'runStarted' ? started.diagnosticsLayout : undefined,
    training: events.flatMap((e) => (e.type === 'trainProgress' && e.diagnostics ? [{ iteration: e.iteration, ...e.diagnostics }] : [])),
    evaluations: events.flatMap((e) => (e.type === 'evaluation' && e.confusion ? [{ iteration: e.iteration, confusion: e.confusion }] : [])),
    predictions: events.flatMap((e) => (e.type === 'evaluation' && e.predictions ? [e.predictions] : [])).at(-1),
  };
  return { trainPoints, testPoints, diagnostics };
}

type AppDiagnostics = Awaited<ReturnType<typeof appCurves>>['diagnostics'];

/** The script's diagnostics against the app trainer's: the same layout, a sample at every window's last step,
 *  the same confusion counts and top-3 classes (percentages within 1 of each other: float32 rounding at a half).
 *  Returns each sample's relative difference of its gradient norms and of its response stds. */
function compareDiagnostics(ours: ExportedRun['diagnostics'], app: AppDiagnostics): SampleDifferences {
  expect(ours?.layout).toEqual(app.layout);
  expect(ours?.training.map((s) => s.iteration)).toEqual(app.training.map((s) => s.iteration));
  expect(ours?.evaluations).toEqual(app.evaluations);
  const predictions = ours?.predictions;
  expect(predictions?.top3Classes).toEqual(Array.from(app.predictions!.top3Classes));
  expect(predictions?.labels).toEqual(Array.from(app.predictions!.labels));
  predictions?.top3Percent.forEach((percent, i) => expect(Math.abs(percent - app.predictions!.top3Percent[i])).toBeLessThanOrEqual(1));
  return sampleDifferences(ours!.training, app.training);
}

interface SampleDifferences {
  norms: number[];
  stds: number[];
}

function sampleDifferences(ours: { gradientNorms: ArrayLike<number>; responseStds: ArrayLike<number> }[], theirs: typeof ours): SampleDifferences {
  expect(ours).toHaveLength(theirs.length);
  return {
    norms: ours.map((sample, i) => relativeDifference(sample.gradientNorms, theirs[i].gradientNorms)),
    stds: ours.map((sample, i) => relativeDifference(sample.responseStds, theirs[i].responseStds)),
  };
}

/** Response stds are continuous: every sample within BOUND. Gradient norms jump where a ReLU input is within
 *  float32 noise of zero (compare.ts, KINK_BOUND): their median within BOUND, every sample within KINK_BOUND. */
function expectSameDiagnostics(differences: SampleDifferences): string {
  const norms = medianAndWorst(differences.norms);
  const stds = medianAndWorst(differences.stds);
  expect(stds.worst).toBeLessThanOrEqual(BOUND);
  expect(norms.median).toBeLessThanOrEqual(BOUND);
  expect(norms.worst).toBeLessThanOrEqual(KINK_BOUND);
  return `gradient norms differ by ${norms.median.toExponential(2)} (median of ${differences.norms.length} samples; worst ${norms.worst.toExponential(2)}), response stds by ${stds.worst.toExponential(2)}`;
}

/** The largest relative difference of the losses; errors, iterations and learning rates must be equal. */
function compareCurves(ours: ExportedRun, theirs: { trainPoints: ExportedRun['train']; testPoints: ExportedRun['test'] }): number {
  expect(ours.train.map((p) => [p.iteration, p.trainError, p.learningRate])).toEqual(theirs.trainPoints.map((p) => [p.iteration, p.trainError, p.learningRate]));
  expect(ours.test.map((p) => [p.iteration, p.testError])).toEqual(theirs.testPoints.map((p) => [p.iteration, p.testError]));
  return Math.max(
    relativeDifference(ours.train.map((p) => p.trainLoss), theirs.trainPoints.map((p) => p.trainLoss)),
    relativeDifference(ours.test.map((p) => p.testLoss), theirs.testPoints.map((p) => p.testLoss)),
  );
}

describe('the exported script, run (synthetic CIFAR-10 files, CPU)', () => {
  let single: ReturnType<typeof runScript>;

  it('trains what the app trains: the same windows, errors, learning rates (warm-up included), evaluations and diagnostics', async () => {
    single = runScript('single');
    expect(single.runs.map((r) => r.state)).toEqual(['finished', 'finished']);
    for (const [i, config] of CONFIGS.entries()) {
      const app = await appCurves(config);
      const difference = compareCurves(single.runs[i], { trainPoints: app.trainPoints as ExportedRun['train'], testPoints: app.testPoints as ExportedRun['test'] });
      const measured = compareDiagnostics(single.runs[i].diagnostics, app.diagnostics);
      console.log(
        `${single.runs[i].name}: ${app.trainPoints.length} windows, ${app.testPoints.length} evaluations; losses differ by ${difference.toExponential(2)} ` +
          `(relative), errors equal; diagnostics: ${expectSameDiagnostics(measured)}; confusion and top-3 equal`,
      );
      expect(difference).toBeLessThanOrEqual(BOUND);
    }
    // The warm-up held lr at 0.01 for at least the first window, then the schedule took over.
    expect(single.runs[1].train[0].learningRate).toBeCloseTo(0.01, 12);
  });

  it('with torchrun, 2 processes (gloo) train the same networks as 1 process, and the app imports them as run elsewhere', () => {
    const pair = runScript('torchrun', { processes: 2 });
    console.log(`torchrun, 2 CPU processes, gloo: ${pair.seconds.toFixed(1)} s for 2 micro runs of 8 steps (process start and data included)`);
    for (const [i, run] of pair.runs.entries()) {
      const difference = compareCurves(run, { trainPoints: single.runs[i].train, testPoints: single.runs[i].test });
      console.log(`${run.name}: 2 processes vs 1, losses differ by ${difference.toExponential(2)}`);
      expect(difference).toBeLessThanOrEqual(BOUND);
      expect(run.elsewhere).toMatchObject({ processes: 2, precision: 'fp32', script: 'residual_playground.py' });
      expect(run.elsewhere?.device).toMatch(/^2x CPU .* via torchrun$/);
    }
    const { runs, problems } = parseRunsJson(pair.text, 'results.json');
    expect(problems).toEqual([]);
    expect(runs.map((r) => [r.state, r.elsewhere?.framework.startsWith('PyTorch '), r.elsewhere?.processes, r.train.length])).toEqual(
      pair.runs.map((r) => ['finished', true, 2, r.train.length]),
    );
    // Their diagnostics too (over 2 processes: the gradients DDP averaged, the responses of both halves).
    for (const [i, run] of pair.runs.entries()) {
      console.log(`${run.name}: 2 processes vs 1, ${expectSameDiagnostics(sampleDifferences(run.diagnostics!.training, single.runs[i].diagnostics!.training))}`);
      expect(run.diagnostics!.evaluations).toEqual(single.runs[i].diagnostics!.evaluations);
      expect(run.diagnostics!.predictions?.top3Classes).toEqual(single.runs[i].diagnostics!.predictions?.top3Classes);
      expect(runs[i].diagnostics?.training).toHaveLength(run.diagnostics!.training.length);
    }
  });

  it('stopped by --time-limit after its first epoch and continued with --resume, equals an uninterrupted run exactly', () => {
    const stopped = runScript('resumed', { extra: ['--time-limit', '0'] });
    expect(stopped.runs.map((r) => [r.state, r.train.at(-1)?.iteration])).toEqual([['stopped', 4]]);
    // Imported now, the first epoch shows, stopped, with the reason.
    expect(parseRunsJson(stopped.text, 'results.json').runs[0].message).toMatch(/--resume/);
    const resumed = runScript('resumed', { extra: ['--resume'] });
    expect(resumed.runs.map((r) => [r.train, r.test, r.state])).toEqual(single.runs.map((r) => [r.train, r.test, r.state]));
  });

  it('trains every network with each seed; only the app\'s seed starts from the app\'s weights', () => {
    const seeds = runScript('seeds', { extra: ['--seeds', '7', '8', '--runs', '1'] });
    expect(seeds.runs.map((r) => [r.seed, r.label])).toEqual([
      [7, 'plain-8 (width 4), seed 7'],
      [8, 'plain-8 (width 4), seed 8'],
    ]);
    expect(seeds.runs[0].train).toEqual(single.runs[0].train);
    expect(seeds.runs[1].train).not.toEqual(seeds.runs[0].train);
  });

  it('marks a run that diverges failed, and --resume keeps it so instead of training it into the same NaN again', () => {
    // An lr no form allows (the app refuses more than 10): with BN nothing smaller diverges in 8 steps.
    const experiment = JSON.parse(readFileSync(join(directory, 'experiment.json'), 'utf8')) as { runs: { config: TrainConfig }[] };
    experiment.runs = [{ ...experiment.runs[0], config: { ...experiment.runs[0].config, learningRate: 1e30 } }];
    writeFileSync(join(directory, 'diverging.json'), JSON.stringify(experiment));
    const diverged = runScript('diverged', { experiment: 'diverging.json' });
    expect(diverged.runs.map((r) => r.state)).toEqual(['failed']);
    expect(diverged.runs[0].message).toMatch(/^Diverged at iteration \d+: the loss became nan/);
    const resumed = runScript('diverged', { experiment: 'diverging.json', extra: ['--resume'] });
    expect(resumed.output).toMatch(/kept as failed \(Diverged at iteration/);
    expect(resumed.runs.map((r) => [r.state, r.message, r.train, r.elsewhere])).toEqual(diverged.runs.map((r) => [r.state, r.message, r.train, r.elsewhere]));
  });
});
