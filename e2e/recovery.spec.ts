import { expect, test, type Page } from '@playwright/test';
import { CHECKPOINTED_RUN, expectOneContinuousHistory, injectFault, openApp, waitForDataReady } from './helpers';

/** Starts the 8-step micro run and waits for its checkpoint at iteration 3 or later. */
async function trainUntilCheckpoint(page: Page) {
  await openApp(page, CHECKPOINTED_RUN);
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const row = page.getByTestId('run-row');
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
  await expect(page.getByTestId('run-checkpoint-live')).toContainText(/checkpoint at iteration [3-7]/, { timeout: 240_000 });
  return row;
}

test('a lost GPU device mid-run: a new worker resumes from the checkpoint, one line says so, the run finishes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await trainUntilCheckpoint(page);
  await injectFault(page, 'loseGpuDevice');
  await expect(page.locator('.notice').filter({ hasText: 'The GPU was reset' })).toContainText(
    /at iteration \d+; resumed from iteration \d+ \(checkpoint\) after \d+\.\d s/,
    { timeout: 120_000 },
  );
  console.log(`device.destroy(): ${await page.locator('.notice').filter({ hasText: 'The GPU was reset' }).textContent()}`);
  await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU');
  await expectOneContinuousHistory(page);
  expect(errors).toEqual([]);
});

test('a training worker that dies without a word is found by its heartbeat, replaced, and the run finishes', async ({ page }) => {
  await trainUntilCheckpoint(page);
  await injectFault(page, 'terminate', 5_000);
  await expect(page.locator('.notice').filter({ hasText: 'stopped answering' })).toContainText(/resumed from iteration \d+/, { timeout: 120_000 });
  await expectOneContinuousHistory(page);
});

test('the browser\'s GPU process crashes mid-run (CDP Browser.crashGpuProcess): the run is resumed and finishes', async ({ page, browser }) => {
  await trainUntilCheckpoint(page);
  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('Browser.crashGpuProcess');
  const notice = page.locator('.notice').filter({ hasText: 'The GPU was reset' });
  await expect(notice).toContainText(/resumed from iteration \d+ \(checkpoint\)/, { timeout: 120_000 });
  console.log(`GPU process crash: ${await notice.textContent()}`);
  await expectOneContinuousHistory(page);
});
