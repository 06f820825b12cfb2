import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { MICRO_RUN_QUERY, chartPoints, dropFiles, openApp, waitForDataReady } from './helpers';

/** The micro run for 40 epochs (160 steps), so that Stop reaches it while it trains however fast the page lets it
 *  go: at 3 epochs (12 steps) a run once finished between Resume and Stop, once the page stopped stealing the CPU
 *  from SwiftShader (issue 20), and Stop was disabled. */
const LONG_MICRO_RUN = MICRO_RUN_QUERY.replace('epochs=3', 'epochs=40');

test('trains a micro ResNet on real CIFAR-10 with WebGPU in the worker; pause, resume and stop work', async ({ page }) => {
  await openApp(page, LONG_MICRO_RUN);
  await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU', { timeout: 60_000 });
  await expect(page.getByTestId('fallback-reason')).toHaveCount(0);
  await waitForDataReady(page);
  await expect(page.getByTestId('data-status')).toContainText('50,000 training, 10,000 test images');

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // The first step is one batch of 16 images, slow because the GPU programs compile: the status says both, and
  // counts the seconds (issue 20, finding 5).
  await expect(page.getByTestId('run-activity')).toContainText(/^First step: compiling the GPU shaders and training the first 16 images \(\d+ s\)…/, { timeout: 120_000 });
  const row = page.getByTestId('run-row');
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
  await expect(row).toContainText('ResNet-8');

  // The chart gains training points, then a test point after the first epoch (iteration 4).
  await expect.poll(() => chartPoints(page), { timeout: 180_000 }).toBeGreaterThanOrEqual(2);
  await expect(row.getByTestId('run-test-error')).toHaveText(/\d+\.\d%/, { timeout: 180_000 });
  // The status bar shows what the run holds on the GPU (WebGPU reports it), as a leak would show there first.
  await expect(page.getByTestId('run-resources')).toContainText(/\d+\.\d MB on the GPU/);
  // …and says what those figures are, on demand (issue 20, finding 11).
  const figures = page.getByTestId('run-explanation');
  await figures.getByText('What does this mean?').click();
  await expect(figures).toContainText('Tensors: the arrays of numbers the network is made of');
  await expect(figures).toContainText('MB on the GPU: the graphics memory those arrays take.');
  const pointsBeforePause = await chartPoints(page);
  expect(pointsBeforePause).toBeGreaterThanOrEqual(2);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(row).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  const iterationWhenPaused = await row.getByTestId('run-iteration').textContent();
  await page.waitForTimeout(8_000);
  await expect(row.getByTestId('run-iteration')).toHaveText(iterationWhenPaused ?? '');
  await expect(row).toHaveAttribute('data-state', 'paused');
  // A dataset dropped while a run is active is not loaded, and the page says why.
  await dropFiles(page, [{ name: 'data_batch_1.bin', bytes: [1, 2, 3] }]);
  await expect(page.locator('.notice').filter({ hasText: 'data_batch_1.bin' })).toContainText('a run is training');

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect(row.getByTestId('run-iteration')).not.toHaveText(iterationWhenPaused ?? '', { timeout: 120_000 });

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(row).toHaveAttribute('data-state', 'stopped', { timeout: 120_000 });
  // What was trained stays on the chart.
  expect(await chartPoints(page)).toBeGreaterThanOrEqual(pointsBeforePause);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();

  mkdirSync('e2e-artifacts', { recursive: true });
  await page.screenshot({ path: 'e2e-artifacts/after-training.png', fullPage: true });

  // The stopped run is kept in the browser: after a reload it is listed with its curves.
  const points = await chartPoints(page);
  await page.reload();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  await expect.poll(() => chartPoints(page)).toBe(points);
});
