import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CHECKPOINTED_RUN, expectOneContinuousHistory, openApp, waitForDataReady } from './helpers';

test('a run interrupted by a reload resumes from its checkpoint and finishes with one continuous curve', async ({ page }) => {
  await openApp(page, CHECKPOINTED_RUN);
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Train' }).click();
  const row = page.getByTestId('run-row');
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
  // The status bar says where a crash would resume from.
  await expect(page.getByTestId('run-checkpoint-live')).toContainText(/checkpoint at iteration [3-7]/, { timeout: 240_000 });

  await page.reload();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  await expect(row).toContainText(/Interrupted at iteration \d+: the page was reloaded/);
  const checkpointText = await row.getByTestId('run-checkpoint').textContent();
  const resumeAt = Number(/resumable from iteration (\d+)/.exec(checkpointText ?? '')?.[1]);
  expect(resumeAt).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('checkpoint-storage')).toContainText(/Checkpoints kept for 1 run: \d+\.\d kB of this browser's storage/);

  mkdirSync('e2e-artifacts', { recursive: true });
  await page.getByTestId('run-row').screenshot({ path: 'e2e-artifacts/resumable-run.png' });
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Resume ResNet-8' }).click();
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
  await expectOneContinuousHistory(page);
  // A finished run keeps no checkpoint.
  await expect(page.getByTestId('checkpoint-storage')).toHaveCount(0);
  await expect(row.getByTestId('run-checkpoint')).toHaveCount(0);
});
