// Main-thread frame intervals while the micro two-run experiment trains, with the chart and the diagnostics in view
// (issue 20, finding 2). Usage, against a served build (npx vite preview --outDir <dist> --port N):
//   node scripts/frame-times.mjs "http://127.0.0.1:N/?<link>" [screenshot.png]
// Prints one JSON line: rAF intervals over 30 s (frames, p50, p95, max in ms) and the long tasks (> 50 ms) in them,
// measured from iteration 12 on (after the first steps and evaluations compiled the pipelines, as the e2e does).
// HEIGHT=1200: a window 1360 px wide and that tall (default 2400: the chart and the whole diagnostics section in view).
// FROM_ITERATION=1: measure from the first step on, warm-up included.
// TRACE=out.json: also records a Chrome trace of the 30 s with the GPU process's compositor and Dawn events (open it in
// Perfetto or chrome://tracing): a late frame with no long task in it shows there, e.g. as
// SkiaOutputSurfaceImplOnGpu::SwapBuffers or DeviceBase::APICreateComputePipeline on CrGpuMain. Tracing slows the
// page a little: take the figures from a run without it.
// The same measurement as e2e/smoothness.spec.ts, which asserts a loose bound; docs/benchmarks.md has the figures.
// PROFILE=1 (or PROFILE=out.cpuprofile, to keep it): also records a CPU profile of the page's main thread over the 30 s (Chrome DevTools Protocol) and prints
// the 25 functions with the most self time (ms), to find what still costs frames.
import { chromium } from '@playwright/test';

const url = process.argv[2];
const screenshot = process.argv[3] ?? '/tmp/frames.png';
const MEASURE_MS = 30_000;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader', '--use-angle=swiftshader'],
});
// Tall enough for the chart and the diagnostics' heatmaps, stage lines and Fig. 7 at once.
const page = await browser.newPage({ viewport: { width: 1360, height: Number(process.env.HEIGHT ?? 2400) } });
await page.addInitScript(() => localStorage.setItem('residual-playground.first-visit-done', '1'));
await page.goto(url);
await page.getByText('CIFAR-10 ready').waitFor({ timeout: 120_000 });
await page.getByRole('button', { name: /Run experiment \(2 runs\)/ }).click();
// Measured while steps flow (after the first step compiled the shaders), not while the worker is silent.
const iteration = async () => Number(/iteration ([\d,]+) \//.exec(await page.getByTestId('run-activity').innerText().catch(() => ''))?.[1].replace(/,/g, '') ?? -1);
for (const start = Date.now(); (await iteration()) < Number(process.env.FROM_ITERATION ?? 12); ) {
  if (Date.now() - start > 180_000) throw new Error('no training step within 3 minutes');
  await page.waitForTimeout(250);
}
await page.evaluate(() => window.scrollTo(0, 0));
if (process.env.TRACE) {
  await browser.startTracing(page, { path: process.env.TRACE, categories: ['devtools.timeline', 'toplevel', 'gpu', 'viz', 'gpu.dawn', 'disabled-by-default-gpu.dawn'] });
}
const cdp = process.env.PROFILE ? await page.context().newCDPSession(page) : null;
if (cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}
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
if (process.env.TRACE) await browser.stopTracing();
if (cdp) {
  const { profile } = await cdp.send('Profiler.stop');
  if (process.env.PROFILE.endsWith('.cpuprofile')) (await import('node:fs')).writeFileSync(process.env.PROFILE, JSON.stringify(profile));
  // Self time per node: the sample count times the mean interval between samples.
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
  const self = new Map();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (counts.get(node.id) ?? 0) * msPerSample);
  }
  const top = [...self].filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [key, ms] of top) console.log(`${Math.round(ms).toString().padStart(6)} ms  ${key}`);
}
await page.screenshot({ path: screenshot });
console.log(JSON.stringify({ ...result, trainedTo }));
await browser.close();
