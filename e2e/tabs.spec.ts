import { expect, test, type Page } from '@playwright/test';
import { CHECKPOINTED_RUN, openApp, waitForDataReady } from './helpers';

/** 20 steps (5 epochs): a second tab must open, and the first be closed, while it still trains, even on a
 *  slow machine. */
const TWENTY_STEPS = CHECKPOINTED_RUN.replace('epochs=2', 'epochs=5');

/** Tab A trains the 20-step micro run; returns once it has a checkpoint. */
async function trainInTab(page: Page) {
  await openApp(page, TWENTY_STEPS);
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Train' }).click();
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
