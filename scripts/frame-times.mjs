// Main-thread frame intervals while the micro two-run experiment trains, with the chart and the diagnostics in view
// (issue 20, finding 2). Usage, against a served build (npx vite preview --outDir <dist> --port N):
//   node scripts/frame-times.mjs "http://127.0.0.1:N/?<link>" [screenshot.png]
// Prints one JSON line: rAF intervals over 30 s (frames, p50, p95, max in ms) and the long tasks (> 50 ms) in them.
// The same measurement as e2e/smoothness.spec.ts, which asserts a loose bound; docs/benchmarks.md has the figures.
import { chromium } from '@playwright/test';

const url = process.argv[2];
const screenshot = process.argv[3] ?? '/tmp/frames.png';
const MEASURE_MS = 30_000;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader', '--use-angle=swiftshader'],
});
// Tall enough for the chart and the diagnostics' heatmaps, stage lines and Fig. 7 at once.
const page = await browser.newPage({ viewport: { width: 1360, height: 2400 } });
await page.addInitScript(() => localStorage.setItem('residual-playground.first-visit-done', '1'));
await page.goto(url);
await page.getByText('CIFAR-10 ready').waitFor({ timeout: 120_000 });
await page.getByRole('button', { name: /Run experiment \(2 runs\)/ }).click();
// Measured while steps flow (after the first step compiled the shaders), not while the worker is silent.
const iteration = async () => Number(/iteration ([\d,]+) \//.exec(await page.getByTestId('run-activity').innerText().catch(() => ''))?.[1].replace(/,/g, '') ?? -1);
for (const start = Date.now(); (await iteration()) < 1; ) {
  if (Date.now() - start > 180_000) throw new Error('no training step within 3 minutes');
  await page.waitForTimeout(250);
}
await page.evaluate(() => window.scrollTo(0, 0));
const result = await page.evaluate(async (ms) => {
  const gaps = [];
  let longTasks = 0;
  let longMs = 0;
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => { longTasks++; longMs += entry.duration; }));
  observer.observe({ type: 'longtask' });
  await new Promise((done) => {
    let last = performance.now();
    const end = last + ms;
    const frame = (now) => { gaps.push(now - last); last = now; if (now < end) requestAnimationFrame(frame); else done(); };
    requestAnimationFrame(frame);
  });
  observer.disconnect();
  gaps.sort((a, b) => a - b);
  const at = (q) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))];
  const round = (v) => Math.round(v * 10) / 10;
  return { frames: gaps.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(gaps[gaps.length - 1]), longTasks, longMs: Math.round(longMs) };
}, MEASURE_MS);
const trainedTo = await iteration();
await page.screenshot({ path: screenshot });
console.log(JSON.stringify({ ...result, trainedTo }));
await browser.close();
