import { expect, test, type Page } from '@playwright/test';
import { LOCK_NAME } from '../src/state/trainingLock';
import { CHECKPOINTED_RUN, MICRO_RUN_QUERY, openApp, waitForDataReady } from './helpers';

/** 20 steps (5 epochs): a second tab must open, and the first be closed, while it still trains, even on a
 *  slow machine. */
const TWENTY_STEPS = CHECKPOINTED_RUN.replace('epochs=2', 'epochs=5');

/** Tab A trains the 20-step micro run; returns once it has a checkpoint. */
async function trainInTab(page: Page) {
  await openApp(page, TWENTY_STEPS);
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('run-row')).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
  await expect(page.getByTestId('run-checkpoint-live')).toContainText(/checkpoint at iteration ([2-9]|1[0-2])\b/, { timeout: 240_000 });
}

const iterationOf = async (page: Page) => Number(((await page.getByTestId('run-iteration').textContent()) ?? '0').split('/')[0].replace(/,/g, ''));

test('a second tab follows the run another tab trains, never marks it interrupted, and a rename there sticks', async ({ page, context }) => {
  await trainInTab(page);
  const second = await context.newPage();
  await openApp(second);
  const row = second.getByTestId('run-row');
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect(row.getByTestId('run-elsewhere')).toHaveText('in another tab');
  await expect(second.getByTestId('run-status')).toContainText('in another tab');
  // It follows the progress live.
  const seen = await iterationOf(second);
  await expect.poll(() => iterationOf(second), { timeout: 120_000 }).toBeGreaterThan(seen);

  await row.getByRole('button', { name: /^Rename/ }).click();
  await second.getByLabel('New name').fill('renamed in the second tab');
  await second.getByLabel('New name').press('Enter');
  await expect(page.getByTestId('run-name')).toHaveText('renamed in the second tab');

  await expect(page.getByTestId('run-row')).toHaveAttribute('data-state', 'finished', { timeout: 400_000 });
  await expect(row).toHaveAttribute('data-state', 'finished');
  // Nothing undid the rename: both tabs, reloaded, read it back from storage.
  await second.reload();
  await expect(second.getByTestId('run-name')).toHaveText('renamed in the second tab');
  await page.reload();
  await expect(page.getByTestId('run-name')).toHaveText('renamed in the second tab');
  await expect(page.getByTestId('run-row')).toHaveAttribute('data-state', 'finished');
});

test('when the training tab is closed mid-run, the other tab shows it interrupted and resumes it to the end', async ({ page, context }) => {
  await trainInTab(page);
  const second = await context.newPage();
  await openApp(second);
  const row = second.getByTestId('run-row');
  await expect(row.getByTestId('run-elsewhere')).toHaveText('in another tab');
  await page.close();
  await expect(row).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
  await expect(row).toContainText('the tab that trained it was closed');
  await expect(row.getByTestId('run-checkpoint')).toContainText(/resumable from iteration \d+/);
  await waitForDataReady(second);
  await second.getByRole('button', { name: 'Resume ResNet-8' }).click();
  await expect(row).toHaveAttribute('data-state', 'finished', { timeout: 400_000 });
  await expect(row.getByTestId('run-iteration')).toHaveText('20 / 20');
});

test('two tabs pressing Train together on the same network: it trains once, and both list the one finished run', async ({ page, context }) => {
  const quick = MICRO_RUN_QUERY.replace('epochs=3', 'epochs=1');
  const second = await context.newPage();
  for (const tab of [page, second]) {
    await openApp(tab, quick);
    await waitForDataReady(tab);
  }
  // "Together": the training lock is held (as by a third tab) while both press Train, so each queues the network
  // before either can know of the other's; then it is let go, and the two queues race for it.
  await page.evaluate((name) => {
    void navigator.locks.request(name, () => new Promise<void>((release) => ((window as unknown as { releaseLock: () => void }).releaseLock = release)));
  }, LOCK_NAME);
  for (const tab of [page, second]) {
    await tab.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(tab.getByTestId('queued-run')).toHaveCount(1);
  }
  await page.evaluate(() => (window as unknown as { releaseLock: () => void }).releaseLock());

  for (const tab of [page, second]) {
    await expect(tab.getByTestId('run-row').first()).toHaveAttribute('data-state', 'finished', { timeout: 400_000 });
  }
  // The tab that got the lock second says why it did not train; a second run never appears, not even queued.
  const said = async () => (await Promise.all([page, second].map((tab) => tab.locator('.notice').allTextContents()))).flat().join('\n');
  await expect.poll(said).toContain('already trained in another tab with identical settings: shown instead of training it again');
  for (const tab of [page, second]) {
    await expect(tab.getByTestId('run-row')).toHaveCount(1);
    await expect(tab.getByTestId('queued-run')).toHaveCount(0);
  }
  // Storage agrees: one run in all.
  await second.reload();
  await expect(second.getByTestId('run-row')).toHaveCount(1);
  await expect(second.getByTestId('run-row')).toHaveAttribute('data-state', 'finished');
});
