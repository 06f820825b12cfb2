// Benchmark: ms per training step and tensors alive, for the micro network, on each backend, in headless
// Chromium driving the real worker (bench.html). Prints figures; asserts nothing. Needs `npm run build` first
// and CIFAR-10 prepared (npm run prepare-data).
//   npm run bench -- [--backends webgpu,cpu] [--steps 25] [--query "depth=20&width=16&batch=32"]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { WEBGPU_FLAGS } from '../playwright.config';

const PORT = 4174;
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const backends = option('backends', 'webgpu,cpu').split(',');
const steps = Number(option('steps', '25'));
const query = option('query', '');

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
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/bench.html`);
    console.log(`Chromium ${browser.version()}, ${steps} steps per backend, ms per step = median over steps 6..${steps}\n`);
    for (const backend of backends) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/bench.html?backend=${backend}&steps=${steps}${query ? `&${query}` : ''}`);
      await page.waitForFunction(() => (window as unknown as { benchResult?: unknown }).benchResult !== undefined, undefined, { timeout: 60 * 60_000, polling: 1000 });
      const result = await page.evaluate(() => (window as unknown as { benchResult: unknown }).benchResult);
      console.log(JSON.stringify(result));
      await page.close();
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
