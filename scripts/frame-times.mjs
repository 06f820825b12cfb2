// rAF frame intervals on the main thread while the micro two-run experiment trains (chart + diagnostics in view).
import { chromium } from '@playwright/test';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--enable-unsafe-webgpu','--enable-features=Vulkan','--use-vulkan=swiftshader','--use-webgpu-adapter=swiftshader','--use-angle=swiftshader'] });
const page = await browser.newPage({ viewport: { width: 1360, height: 2400 } });
await page.addInitScript(() => localStorage.setItem('residual-playground.first-visit-done', '1'));
await page.goto(url);
await page.getByText('CIFAR-10 ready').waitFor({ timeout: 120000 });
await page.getByRole('button', { name: /Run experiment \(2 runs\)/ }).click();
await page.getByTestId('run-row').first().waitFor({ timeout: 60000 });
await page.locator('#chart').scrollIntoViewIfNeeded();
const result = await page.evaluate(async (ms) => {
  const gaps = []; let last = performance.now(); const end = last + ms;
  let longTasks = 0, longMs = 0;
  new PerformanceObserver((l) => l.getEntries().forEach((e) => { longTasks++; longMs += e.duration; })).observe({ type: 'longtask' });
  await new Promise((done) => { const f = (t) => { gaps.push(t - last); last = t; if (t < end) requestAnimationFrame(f); else done(); }; requestAnimationFrame(f); });
  gaps.sort((a, b) => a - b);
  const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
  return { frames: gaps.length, p50: q(0.5), p95: q(0.95), max: gaps[gaps.length - 1], longTasks, longMs };
}, 30000);
const rows = await page.getByTestId('run-row').count();
const points = await page.getByTestId('error-chart').getAttribute('data-points');
const diag = await page.locator('text=Gradient norms').count();
await page.screenshot({ path: '/tmp/frames.png' });
console.log(JSON.stringify({ ...result, rows, points, diagnosticsSections: diag }));
await browser.close();
