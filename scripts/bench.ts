// Benchmark in headless Chromium: the training step of each network on each backend, with the fused kernels,
// the reference tfjs ops and the tfjs-layers baseline, counted at the WebGPU API inside the worker (bench.html -> src/bench/benchWorker.ts).
// Prints figures and writes JSON; asserts nothing. Needs `npm run build` first.
//   npm run bench -- [--backends webgpu,cpu] [--depths 20,56] [--engines fused,reference,layers] [--steps 3]
//                    [--warmup 2] [--query "width=4&batch=16"] [--out bench/chromium.json]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from '@playwright/test';
import { WEBGPU_FLAGS } from '../playwright.config';
import type { BenchResult } from '../src/bench/benchPage';

type BenchWindow = { benchResult?: BenchResult };

const PORT = 4174;
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const backends = option('backends', 'webgpu').split(',');
const query = new URLSearchParams(option('query', ''));
for (const key of ['depths', 'engines', 'steps', 'warmup']) {
  const value = option(key, '');
  if (value) query.set(key, value);
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
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore' });
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...WEBGPU_FLAGS],
  });
  const results: unknown[] = [];
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/bench.html`);
    console.log(`Chromium ${browser.version()}; per training step, steady state, counted at the WebGPU API\n`);
    for (const backend of backends) {
      const page = await browser.newPage();
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
      await page.close();
    }
    if (out) {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify({ measuredAt: new Date().toISOString(), browser: `Chromium ${browser.version()}`, query: query.toString(), results }, null, 2));
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
