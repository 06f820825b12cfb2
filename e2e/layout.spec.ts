import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_CONFIG } from '../src/config';
import { MICRO_RUN_QUERY, openApp, waitForDataReady } from './helpers';

/** Two finished runs, as a JSON import: enough for the chart, the legend, the verdict and the run list to fill up. */
function twoRunsFile(): Buffer {
  const curve = (from: number, to: number) =>
    Array.from({ length: 20 }, (_, i) => ({ iteration: (i + 1) * 20, epoch: (i + 1) / 20, trainError: from + ((to - from) * i) / 19, trainLoss: 2 - i / 20, learningRate: 0.1 }));
  const run = (name: string, blockType: 'plain' | 'residual', from: number, to: number) => ({
    name,
    config: { ...DEFAULT_CONFIG, model: { ...DEFAULT_CONFIG.model, depth: 56, blockType } },
    state: 'finished',
    createdAt: 1,
    train: curve(from, to),
    test: [{ iteration: 400, epoch: 1, testError: to + 2, testLoss: 1.5 }],
  });
  return Buffer.from(
    JSON.stringify({ format: 'residual-playground-runs', version: 1, runs: [run('plain-56 from a colleague with a long name', 'plain', 90, 80), run('ResNet-56 from a colleague', 'residual', 90, 60)] }),
  );
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('Train pressed at the bottom of the settings: the status and the chart are in view at once (1366x768, then 1920x1080)', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, MICRO_RUN_QUERY);
  await waitForDataReady(page);
  // A user who edited the last fields has scrolled down; Train stays at hand (the run bar sticks to the bottom).
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeInViewport();
  await train.click();
  await expect(page.getByTestId('run-status')).toBeInViewport({ ratio: 1 });
  await expect(page.locator('#chart')).toBeInViewport({ ratio: 0.6 });
  mkdirSync('e2e-artifacts', { recursive: true });
  await page.screenshot({ path: 'e2e-artifacts/layout-1366x768-after-train.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByTestId('run-status')).toBeInViewport({ ratio: 1 });
  await expect(page.locator('#chart')).toBeInViewport({ ratio: 0.8 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-row').first()).toContainText('stopped');
});

test('a phone (390x844): no sideways scrolling on the first visit or with runs on the chart; the skip link leads to the chart', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, '', { firstVisit: true });
  await waitForDataReady(page);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  mkdirSync('e2e-artifacts', { recursive: true });
  await page.screenshot({ path: 'e2e-artifacts/layout-390-first-visit.png', fullPage: true });

  await page.getByRole('button', { name: 'Skip: open the full controls' }).click();
  await page.getByTestId('import-json').setInputFiles({ name: 'two-runs.json', mimeType: 'application/json', buffer: twoRunsFile() });
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await expect(page.getByTestId('chart-svg-container')).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'e2e-artifacts/layout-390-with-runs.png', fullPage: true });

  // The first Tab reaches the skip link; following it puts the focus on the chart.
  await page.reload();
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the chart' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#chart')).toBeFocused();
  await expect(page.locator('#chart')).toBeInViewport();

  // The guide reopens on a phone too: its question in view and focused, nothing scrolling sideways.
  await page.getByRole('button', { name: 'The guide: why deeper trains worse' }).click();
  const question = page.getByRole('heading', { name: 'Why would a deeper network train worse?' });
  await expect(question).toBeFocused();
  await expect(question).toBeInViewport();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'e2e-artifacts/layout-390-guide-reopened.png' });
});
