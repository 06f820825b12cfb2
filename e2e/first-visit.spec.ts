import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleInBothThemes } from './accessibility';
import { chartPoints, openApp, waitForDataReady } from './helpers';

/** Presses Tab until `target` has the focus (at most `limit` times): the path a keyboard user takes. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, limit = 40): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
  }
  throw new Error(`${String(target)} was not reached with ${limit} presses of Tab`);
}

test('first visit, by keyboard only: the question, one button, the measurement, the honest answer for this device, a tiny run to its end', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  mkdirSync('e2e-artifacts', { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  const loadedAt = Date.now();
  await openApp(page, '', { firstVisit: true });
  const guide = page.getByTestId('first-visit');
  await expect(guide.getByRole('heading', { name: 'Why would a deeper network train worse?' })).toBeVisible();
  await expect(guide.getByRole('img', { name: 'A plain block and a residual block' })).toBeVisible();
  // The form waits behind one button: a first visitor meets the question, not 13 fields.
  await expect(page.getByLabel('Depth (weighted layers)')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Settings, queue and data' })).toHaveAttribute('aria-expanded', 'false');
  await waitForDataReady(page);
  await page.screenshot({ path: 'e2e-artifacts/first-visit.png' });

  // The time budget is a toggle group whose state is not colour alone.
  const fiveMinutes = page.getByRole('button', { name: '5 min', exact: true });
  await tabTo(page, fiveMinutes);
  await page.keyboard.press('Enter');
  await expect(fiveMinutes).toHaveAttribute('aria-pressed', 'true');
  await expect(fiveMinutes).toContainText('✓');

  const show = page.getByRole('button', { name: 'Show me the degradation problem' });
  await tabTo(page, show);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('first-visit-measuring')).toContainText("Measuring this device's speed");
  await expect(page.getByRole('progressbar', { name: 'Speed measurement' })).toBeVisible();
  await page.screenshot({ path: 'e2e-artifacts/first-visit-measuring.png' });

  // SwiftShader (WebGPU on the CPU) is far too slow for one real epoch: the page says so with the figure,
  // after timing plain-20 alone (plain-56, minutes here, would only confirm it).
  const tooSlow = page.getByTestId('first-visit-too-slow');
  await expect(tooSlow).toBeVisible({ timeout: 180_000 });
  await expect(tooSlow).toContainText(/One plain-20 training step on 128 images \(the paper's batch\) took [\d.]+ s here/);
  await expect(tooSlow).toContainText(/would take at least \d+ h/);
  const measuredAfter = (Date.now() - loadedAt) / 1000;
  await page.screenshot({ path: 'e2e-artifacts/first-visit-too-slow.png' });

  const demo = page.getByRole('button', { name: 'Run a tiny demo anyway' });
  await tabTo(page, demo);
  await page.keyboard.press('Enter');
  // The run's status is in view at once and names what happens before the first point.
  const status = page.getByTestId('run-status');
  await expect(status).toBeInViewport();
  await expect(page.locator('#chart')).toBeInViewport();
  await expect(page.getByTestId('first-visit')).toHaveCount(0);
  await expect.poll(() => chartPoints(page), { timeout: 180_000 }).toBeGreaterThan(0);
  const firstPointAfter = (Date.now() - loadedAt) / 1000;
  await expect(page.getByTestId('run-resources')).toContainText(/img\/s · ETA/);
  await page.screenshot({ path: 'e2e-artifacts/first-visit-first-point.png' });
  console.log(`first visit (SwiftShader, micro): too-slow answer ${measuredAfter.toFixed(1)} s after load, first chart point ${firstPointAfter.toFixed(1)} s after load`);

  await expect(page.getByTestId('run-row').first()).toContainText('finished', { timeout: 300_000 });
  await expect(page.getByTestId('progress-announcement')).toHaveText('');
  await page.screenshot({ path: 'e2e-artifacts/first-visit-finished.png', fullPage: true });

  // A reload does not greet again: the path was taken.
  await page.reload();
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('first-visit')).toHaveCount(0);
  await expectAccessibleInBothThemes(page, 'after a finished run');
  expect(pageErrors).toEqual([]);
});

test('the first page passes axe in light and dark, and the guide can be skipped for the full controls', async ({ page }) => {
  await openApp(page, '', { firstVisit: true });
  await waitForDataReady(page);
  await expectAccessibleInBothThemes(page, 'first page');
  await page.screenshot({ path: 'e2e-artifacts/first-visit-dark.png' });
  await page.getByRole('button', { name: 'Skip: open the full controls' }).click();
  await expect(page.getByTestId('first-visit')).toHaveCount(0);
  await expect(page.getByLabel('Depth (weighted layers)')).toBeVisible();
});

test('on a device fast enough (speeds remembered from an earlier visit), the proposal names the runs, the time and what they can show, and one click queues them', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, '', { firstVisit: true });
  await waitForDataReady(page);
  // A laptop GPU's speeds, as src/state/speedMemory.ts keeps them for this adapter: plain-20 50 ms and plain-56
  // 140 ms per 128-image step. Measuring is skipped (nothing is timed twice), so no SwiftShader step runs.
  const detail = (await page.locator('.status-detail').first().textContent())!;
  const key = (depth: number, batch: number) => `webgpu|plain-${depth}|basic|shortcut A|width 16|batch ${batch}`;
  const speed = (msPerStep: number) => ({ msPerStep, msPerEvalImage: 0.05, evaluationEstimated: false, measuredAt: Date.now() });
  const remembered = { [`webgpu|${detail}`]: { [key(20, 32)]: speed(15), [key(20, 128)]: speed(50), [key(56, 128)]: speed(140) } };
  await page.evaluate((value) => localStorage.setItem('residual-playground.speeds.v1', value), JSON.stringify(remembered));
  // The page leaves the address bare while it greets, so a reload greets again rather than opening the form.
  expect(new URL(page.url()).search).toBe('');
  await page.reload();
  await waitForDataReady(page);

  await page.getByRole('button', { name: 'Show me the degradation problem' }).click();
  const proposal = page.getByTestId('first-visit-proposal');
  // 15 min: Figure 6 at 5 epochs is 4 x 1,950 steps ≈ 12.4 min with the 10% margin; 6 epochs would not fit.
  await expect(proposal.getByRole('heading')).toHaveText('In 15 minutes here: Figure 6 at 5 epochs');
  await expect(proposal).toContainText('plain-20, plain-56, ResNet-20, ResNet-56, one after another, on all 50,000 training images');
  await expect(proposal.locator('li.expected')).toHaveCount(2);
  await expect(proposal.locator('li.expected').first()).toContainText('In the PyTorch reference after 5 epochs, plain-56 has');
  await expect(proposal.locator('li.not-expected')).toContainText('Needs a full schedule of about 40 epochs');
  mkdirSync('e2e-artifacts', { recursive: true });
  await page.screenshot({ path: 'e2e-artifacts/first-visit-proposal.png' });
  // Another time budget gives another proposal at once, from the same measurement.
  await page.getByRole('button', { name: '60 min', exact: true }).click();
  await expect(proposal.getByRole('heading')).toHaveText(/In 60 minutes here: Figure 6 at (20|30) epochs/);
  await page.getByRole('button', { name: '15 min', exact: true }).click();

  await proposal.getByRole('button', { name: /^Run it \(about \d+ min/ }).click();
  // The first run starts; the other three wait in the queue, and the status says which of the four this is.
  await expect(page.getByTestId('run-status')).toContainText('(run 1 of 4)');
  await expect(page.getByTestId('run-status')).toBeInViewport();
  await expect(page.locator('#chart')).toBeInViewport({ ratio: 0.6 });
  // The form now holds the experiment, so the address is a link that reproduces it.
  expect(new URL(page.url()).searchParams.get('epochs')).toBe('5');
  // (Not trained here: one full-size step takes about a minute on SwiftShader. Closing the page ends the run.)
  await page.getByRole('button', { name: 'Settings, queue and data' }).click();
  await expect(page.getByTestId('queued-run')).toHaveCount(3);
});
