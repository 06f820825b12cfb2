// The page stays smooth while it trains (issue 20, finding 2), and what keeps it so: panels out of view do not
// follow the run, and the confusion matrix is one tab stop (finding 7). One micro two-run experiment, trained once
// and shared by the three tests (serial, one page), as scripts/frame-times.mjs measures it.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './accessibility';
import { openApp, waitForDataReady } from './helpers';

/** The micro plain/residual pair of depth 8 (scripts/frame-times.mjs trains it for 40 epochs), here for 400 epochs of
 *  4 steps, so that the first run trains through all three tests (a micro step takes 0.25-1 s on SwiftShader). */
const MICRO_PAIR = 'net=residual&depth=8&width=4&block=basic&shortcut=A&epochs=400&batch=16&lr=0.1&train=64&test=64&evals=1&seed=1&exp=custom&runs=plain-8,resnet-8';

/** Tall enough for the chart and the whole diagnostics section at once. */
const TALL = { width: 1360, height: 2400 };
const MEASURE_MS = 30_000;

/** Bounds for a loaded CI machine. The page before issue 20 (ad5eb91) spent 9.1-10.5 s of each 30 s in long tasks on
 *  the 2-core VM, p95 133-600 ms; at e6eb570 (paced views, recharts diagnostics) 0.5-1.5 s and 50-67 ms; with the
 *  diagnostics' plots our own SVG and one changed frame per 2 Hz publish, 0 ms and 16.8 ms on a quiet VM. The
 *  bounds catch a return to rendering per event or to recharts' synchronous redraws, not the Must itself (p95
 *  <= 20 ms, max <= 100 ms, long tasks <= 300 ms per 30 s): its figures, and why the max depends on the window's
 *  size on a software GPU, are in docs/benchmarks.md. */
const P95_BOUND_MS = 100;
const LONG_TASKS_BOUND_MS = 2_000;
/** Measured after the first steps and evaluations: they compile the GPU's pipelines, which SwiftShader does on the
 *  GPU process's main thread (0.1 s each, frames wait), once per run; docs/benchmarks.md reports them apart. */
const WARMED_UP_ITERATION = 12;

test.describe.configure({ mode: 'serial' });
// A trace records every DOM change on the page's main thread: it would be measured too.
test.use({ trace: 'off' });

let page: Page;

/** The running run's iteration, from the status bar ("· iteration 7 / 160"). */
async function iteration(): Promise<number> {
  const text = await page.getByTestId('run-activity').innerText();
  return Number(/iteration ([\d,]+) \//.exec(text)?.[1].replace(/,/g, '') ?? -1);
}

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext({ viewport: TALL })).newPage();
  await openApp(page, MICRO_PAIR);
  await waitForDataReady(page);
  await page.getByRole('button', { name: /Run experiment \(2 runs\)/ }).click();
  // Measured while steps flow, after the warm-up compiled the pipelines, not while the worker is silent.
  await expect.poll(iteration, { timeout: 180_000 }).toBeGreaterThanOrEqual(WARMED_UP_ITERATION);
});

test.afterAll(async () => {
  await page.context().close();
});

test('while a micro experiment trains, with the chart and the diagnostics in view, frames keep coming', async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.getByTestId('error-chart')).toBeInViewport();
  await expect(page.getByTestId('diagnostics-gradients')).toBeInViewport();
  await expect(page.getByTestId('diagnostics-figure7')).toBeInViewport();
  mkdirSync('e2e-artifacts', { recursive: true });

  // requestAnimationFrame intervals on the main thread, and the long tasks (> 50 ms) that delayed them.
  const frames = await page.evaluate(async (ms) => {
    const gaps: number[] = [];
    let longTasks = 0;
    let longMs = 0;
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((entry) => {
        longTasks += 1;
        longMs += entry.duration;
      }),
    );
    observer.observe({ type: 'longtask' });
    await new Promise<void>((done) => {
      let last = performance.now();
      const end = last + ms;
      const frame = (now: number) => {
        gaps.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(frame);
        else done();
      };
      requestAnimationFrame(frame);
    });
    observer.disconnect();
    gaps.sort((a, b) => a - b);
    const at = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))];
    const round = (v: number) => Math.round(v * 10) / 10;
    return { frames: gaps.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(gaps[gaps.length - 1]), longTasks, longMs: Math.round(longMs) };
  }, MEASURE_MS);
  console.log(`frame intervals over ${MEASURE_MS / 1000} s: ${JSON.stringify(frames)}`);
  await page.screenshot({ path: 'e2e-artifacts/smoothness.png' });

  // It trained meanwhile (the figures are of a page that was following a run).
  expect(await iteration()).toBeGreaterThan(WARMED_UP_ITERATION);
  expect(frames.p95).toBeLessThanOrEqual(P95_BOUND_MS);
  expect(frames.longMs).toBeLessThanOrEqual(LONG_TASKS_BOUND_MS);
});

test('a diagnostics panel out of view keeps what it drew while the run trains, and catches up when scrolled back', async () => {
  const gradients = page.getByTestId('diagnostics-gradients');
  const heatmaps = gradients.locator('.diag-heatmap-canvas img');
  await expect(heatmaps.first()).toHaveAttribute('alt', /× \d+ samples?/);
  /** Each heatmap's description: its run, and how many samples it draws. */
  const drawn = () => heatmaps.evaluateAll((images) => images.map((image) => image.getAttribute('alt') ?? ''));
  const samples = (labels: string[]) => labels.map((label) => Number(/× (\d+) samples?/.exec(label)?.[1]));

  await page.setViewportSize({ width: 1360, height: 700 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(gradients.locator('xpath=..')).toHaveAttribute('data-in-view', 'false');
  const held = await drawn();
  const from = await iteration();

  // Three more steps train (each brings a sample; the status bar at the top follows them).
  await expect.poll(iteration, { timeout: 120_000 }).toBeGreaterThanOrEqual(from + 3);
  expect(await drawn()).toEqual(held);

  await gradients.scrollIntoViewIfNeeded();
  await expect.poll(async () => samples(await drawn()).reduce((a, b) => a + b, 0), { timeout: 10_000 }).toBeGreaterThan(samples(held).reduce((a, b) => a + b, 0));
  await page.setViewportSize(TALL);
});

test('the confusion matrix is one tab stop; the arrow keys move between its cells', async () => {
  const confusion = page.getByTestId('diagnostics-confusion');
  await confusion.scrollIntoViewIfNeeded();
  const cells = confusion.getByRole('button', { name: /^true .+, predicted .+: \d+ images?$/ });
  await expect(cells).toHaveCount(100, { timeout: 120_000 }); // after the first evaluation (epoch 1)
  const grid = confusion.getByRole('grid');
  const tabStops = () => grid.evaluate((table) => Array.from(table.querySelectorAll<HTMLElement>('button, [tabindex]')).filter((e) => e.tabIndex >= 0).length);
  expect(await tabStops()).toBe(1);

  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
  await cells.first().focus();
  await page.keyboard.press('ArrowRight');
  expect(await focused()).toMatch(/^true airplane, predicted automobile:/);
  await page.keyboard.press('ArrowDown');
  expect(await focused()).toMatch(/^true automobile, predicted automobile:/);
  await page.keyboard.press('End');
  expect(await focused()).toMatch(/^true automobile, predicted truck:/);
  expect(await tabStops()).toBe(1);
  mkdirSync('e2e-artifacts', { recursive: true });
  await confusion.screenshot({ path: 'e2e-artifacts/confusion-keyboard.png' });

  // Tab leaves the matrix; Shift+Tab comes back to the cell last visited.
  await page.keyboard.press('Tab');
  expect(await grid.evaluate((table) => table.contains(document.activeElement))).toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect(await focused()).toMatch(/^true automobile, predicted truck:/);

  // Enter opens the cell's images; Escape closes them and gives the focus back to the cell.
  await page.keyboard.press('Enter');
  await expect(confusion.locator('.diag-gallery')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confusion.locator('.diag-gallery')).toHaveCount(0);
  expect(await focused()).toMatch(/^true automobile, predicted truck:/);

  expect(await seriousViolations(page)).toEqual([]);
});
