import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CHECKPOINTED_RUN, CHECKPOINTED_RUN_STEPS, openApp, storedCurves, strictlyIncreasing, waitForDataReady } from './helpers';

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
  await expect(row).toHaveAttribute('data-state', 'finished', { timeout: 400_000 });
  await expect(row.getByTestId('run-iteration')).toHaveText(`${CHECKPOINTED_RUN_STEPS} / ${CHECKPOINTED_RUN_STEPS}`);

  // One continuous history: no iteration twice, none missing at the end, a test point after every step.
  await expect.poll(async () => (await storedCurves(page)).state, { timeout: 10_000 }).toBe('finished');
  const curves = await storedCurves(page);
  expect(strictlyIncreasing(curves.train)).toBe(true);
  expect(curves.train.at(-1)).toBe(CHECKPOINTED_RUN_STEPS);
  expect(curves.test).toEqual(Array.from({ length: CHECKPOINTED_RUN_STEPS }, (_, i) => i + 1));
  // A finished run keeps no checkpoint.
  await expect(page.getByTestId('checkpoint-storage')).toHaveCount(0);
  await expect(row.getByTestId('run-checkpoint')).toHaveCount(0);
});
