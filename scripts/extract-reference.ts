// Copies the PyTorch reference curves (../shared/reference, measured outside this project) into the app as a
// compact JSON with their provenance, so the app never fetches them at run time. Re-run when the source changes:
//   REFERENCE_DIR=../shared/reference npx tsx scripts/extract-reference.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface SourceRun {
  name: string;
  depth: number;
  block: string;
  params: number;
  iters_per_epoch: number;
  total_iters: number;
  epochs: { epoch: number; train_err: number; test_err: number; lr: number }[];
  fine: { iter: number; train_err: number }[];
  final: { train_err: number; test_err: number };
}

const sourceDir = resolve(process.env.REFERENCE_DIR ?? '../shared/reference');
const sets = [
  { id: 'pytorch-15', file: 'pytorch_short_schedule.json', label: 'PyTorch reference, 15 epochs' },
  { id: 'pytorch-40', file: 'pytorch_40_epochs.json', label: 'PyTorch reference, 40 epochs' },
].map(({ id, file, label }) => {
  const source = JSON.parse(readFileSync(join(sourceDir, file), 'utf8')) as { recipe: Record<string, unknown>; device: Record<string, unknown>; runs: SourceRun[] };
  return {
    id,
    label,
    sourceFile: file,
    recipe: source.recipe,
    device: source.device,
    runs: source.runs.map((run) => ({
      name: run.name,
      depth: run.depth,
      blockType: run.block === 'plain' ? 'plain' : 'residual',
      trainableParameters: run.params,
      iterationsPerEpoch: run.iters_per_epoch,
      totalIterations: run.total_iters,
      // Per epoch: training error = running average over the epoch's augmented batches; test error on all 10,000.
      epochs: run.epochs.map((e) => ({ epoch: e.epoch, iteration: e.epoch * run.iters_per_epoch, trainError: e.train_err, testError: e.test_err })),
      // Training error of the last 50 iterations, every 50 iterations.
      fine: run.fine.map((f) => ({ iteration: f.iter, trainError: f.train_err })),
    })),
  };
});
const out = resolve('src/reference/pytorchCurves.json');
writeFileSync(out, `${JSON.stringify(sets)}\n`);
console.log(`Wrote ${out}: ${sets.map((s) => `${s.id} (${s.runs.map((r) => r.name).join(', ')})`).join('; ')}`);
