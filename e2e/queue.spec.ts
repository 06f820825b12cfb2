import { expect, test } from '@playwright/test';
import { MICRO_RUN_QUERY, openApp, waitForDataReady } from './helpers';

test('the queue can be reordered, paused and cancelled; a stop leaves the waiting runs waiting', async ({ page }) => {
  await openApp(page, `${MICRO_RUN_QUERY}&exp=custom&runs=plain-8,resnet-8,resnet-8-B`);
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Run experiment (3 runs)' }).click();

  const queued = page.getByTestId('queued-run');
  await expect(queued).toHaveCount(2);
  await expect(queued.nth(0)).toContainText('option A');
  await page.getByRole('button', { name: 'Move ResNet-8 (option B, width 4) earlier' }).click();
  await expect(queued.nth(0)).toContainText('option B');
  await expect(queued.nth(1)).toContainText('option A');

  await page.getByRole('button', { name: 'Pause queue after this run' }).click();
  await expect(page.getByTestId('queue-panel')).toHaveAttribute('data-paused', 'true');
  const row = page.getByTestId('run-row');
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(row).toHaveAttribute('data-state', 'stopped', { timeout: 120_000 });
  // Nothing starts behind the user's back: the two runs still wait, in the order chosen.
  await page.waitForTimeout(3_000);
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(queued).toHaveCount(2);
  await expect(page.getByTestId('queue-panel')).toContainText('The queue is paused: 2 runs wait');

  await page.getByRole('button', { name: 'Cancel queued runs' }).click();
  await expect(page.getByTestId('queue-panel')).toHaveCount(0);
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  // With the queue empty the button offers the cancelled runs again (the stopped one is not finished).
  await expect(page.getByRole('button', { name: 'Run experiment (3 runs)' })).toBeEnabled();
});
