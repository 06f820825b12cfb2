// Benchmark in headless Chromium: the training step of each network on each backend, with the fused kernels,
// the reference tfjs ops and the tfjs-layers baseline, counted at the WebGPU API inside the worker (bench.html -> src/bench/benchWorker.ts).
// With --checkpoints [saves] it times checkpoints instead (src/bench/checkpointTimes.ts): the step of the fused engine,
// then `saves` (5) checkpoints written to and read from the worker's IndexedDB, and the overhead in % of training
// time at the trainer's cadence and if saved every N steps (--checkpoint-every 1,10,100).
// The browser runs on a fresh persistent profile (deleted afterwards), so IndexedDB writes go to disk as in a
// user's browser (a non-persistent context keeps them in memory).
// Prints figures and writes JSON; asserts nothing. Needs `npm run build` first.
//   npm run bench -- [--backends webgpu,cpu] [--depths 20,56] [--engines fused,reference,layers] [--steps 3]
//                    [--warmup 2] [--query "width=4&batch=16"] [--checkpoints [5]] [--checkpoint-every 1,10,100]
//                    [--port 4174] [--out bench/chromium.json]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { WEBGPU_FLAGS } from '../playwright.config';
import type { BenchResult } from '../src/bench/benchPage';

type BenchWindow = { benchResult?: BenchResult };

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const PORT = Number(option('port', '4174'));
const backends = option('backends', 'webgpu').split(',');
const query = new URLSearchParams(option('query', ''));
for (const key of ['depths', 'engines', 'steps', 'warmup']) {
  const value = option(key, '');
  if (value) query.set(key, value);
}
if (args.includes('--checkpoints')) {
  query.set('checkpoints', /^\d+$/.test(option('checkpoints', '')) ? option('checkpoints', '') : '5');
  query.set('checkpointEvery', option('checkpoint-every', '1,10,100'));
}
const out = option('out', '');

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The preview server did not start at ${url}`);
}

async function main(): Promise<void> {
  if (!existsSync('dist/bench.html')) throw new Error('dist/bench.html is missing: run `npm run build` first.');
  // vite itself, not through npx: killing npx would leave the server running.
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore' });
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const profile = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...WEBGPU_FLAGS],
  });
  const browser = context.browser()!;
  const results: unknown[] = [];
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/bench.html`);
    console.log(`Chromium ${browser.version()}; per training step, steady state, counted at the WebGPU API\n`);
    for (const backend of backends) {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/bench.html?backend=${backend}&${query.toString()}`);
      await page.waitForFunction(() => (window as unknown as BenchWindow).benchResult !== undefined, undefined, { timeout: 60 * 60_000, polling: 1000 });
      const result = await page.evaluate(() => (window as unknown as BenchWindow).benchResult!);
      results.push(result);
      console.log(`${result.backend} (${result.adapter})${result.error ? `: ${result.error}` : ''}`);
      for (const row of result.rows) {
        const p = row.perStep;
        console.log(
          `  ${row.model} batch ${row.batchSize}, ${row.engine}: ${p.dispatches} dispatches, ${p.computePasses} passes, ${p.submits} submits, ` +
            `${p.uploads} uploads = ${p.uploadBytes} B, ${p.reads} reads, ${row.pipelinesCreatedAfterWarmup} pipelines after warm-up, ` +
            `${row.msPerStep} ms/step, ${row.imagesPerSecond} images/s, ${row.tensorsAlive} tensors (growth ${row.tensorGrowth})`,
        );
      }
      for (const row of result.checkpoints ?? []) {
        const every = row.overheadEvery.map(({ steps, percent }) => `${percent}% every ${steps} steps`).join(', ');
        console.log(
          `  ${row.model} batch ${row.batchSize}, checkpoint: ${row.bytes} B (${row.tensors} tensors + order of ${row.trainImages}), ` +
            `save ${row.medianSaveMs} ms = capture ${row.medianCaptureMs} + write ${row.medianWriteMs} (median of ${row.captureMs.length}), ` +
            `restore: load ${row.medianLoadMs} ms + restoreTensors and upload ${row.medianRestoreMs} ms; ` +
            `${row.msPerStep} ms/step; overhead ${row.overheadAtCadencePercent}% at the cadence (every ${(row.cadenceIntervalMs / 1000).toFixed(1)} s), ${every}`,
        );
      }
      await page.close();
    }
    if (out) {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify({ measuredAt: new Date().toISOString(), browser: `Chromium ${browser.version()}`, query: query.toString(), results }, null, 2));
    }
  } finally {
    await context.close();
    server.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
