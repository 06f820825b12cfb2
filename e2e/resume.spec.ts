import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessibleInBothThemes } from './accessibility';
import { CHECKPOINTED_RUN, expectOneContinuousHistory, openApp, waitForDataReady } from './helpers';

test('a run interrupted by a reload resumes from its checkpoint and finishes with one continuous curve', async ({ page }) => {
  await openApp(page, CHECKPOINTED_RUN);
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
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
  // The row's Resume goes with the press: the keyboard goes to the status, where the run shows (not the page).
  await expect(page.locator('#status')).toBeFocused();
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
  await page.locator('#status').screenshot({ path: 'e2e-artifacts/status-after-resume.png' });
  await expectOneContinuousHistory(page);
  // A finished run keeps no checkpoint.
  await expect(page.getByTestId('checkpoint-storage')).toHaveCount(0);
  await expect(row.getByTestId('run-checkpoint')).toHaveCount(0);
});

test('a damaged newest checkpoint: Resume falls back to the older one, says so, and finishes with one continuous curve (issue 19)', async ({ page }) => {
  await openApp(page, CHECKPOINTED_RUN);
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const row = page.getByTestId('run-row');
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
  await expect(page.getByTestId('run-checkpoint-live')).toContainText(/checkpoint at iteration [3-7]/, { timeout: 240_000 });
  await page.reload();
  await expect(row).toHaveAttribute('data-state', 'stopped');

  // One weight of the slot the pointer names becomes NaN, as a bad disk or an edit would leave it.
  const damagedAt = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('residual-playground-checkpoints');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction(['pointers', 'slots'], 'readwrite');
          const pointers = transaction.objectStore('pointers').getAll();
          pointers.onsuccess = () => {
            const [pointer] = pointers.result as { runId: string; slot: number; iteration: number }[];
            const slots = transaction.objectStore('slots');
            const slot = slots.get([pointer.runId, pointer.slot]);
            slot.onsuccess = () => {
              const record = slot.result as { checkpoint: { tensors: { values: Float32Array }[] } };
              record.checkpoint.tensors[0].values[0] = Number.NaN;
              slots.put(record);
              transaction.oncomplete = () => (db.close(), resolve(pointer.iteration));
            };
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
  );
  await expect(row.getByTestId('run-checkpoint')).toContainText(`resumable from iteration ${damagedAt}`);

  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Resume ResNet-8' }).click();
  const notice = page.locator('.notice').filter({ hasText: 'the older checkpoint' });
  await expect(notice).toContainText(new RegExp(`Resumed from iteration ${damagedAt - 1}, the older checkpoint: the newest checkpoint \\(iteration ${damagedAt}\\) cannot be used \\(tensor \\S+ holds NaN at index 0\\)`), { timeout: 240_000 });
  await expectOneContinuousHistory(page);
});

test('after a reload mid-run the top of the page offers Resume; Train on that set-up asks; Stop says "Stopping…" at once; Resume moves the keyboard to the status (issue 20, findings 5 and 6)', async ({ page }) => {
  await openApp(page, CHECKPOINTED_RUN);
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('run-checkpoint-live')).toContainText(/checkpoint at iteration [1-7]/, { timeout: 240_000 });
  await page.reload();

  // At the top, in view without scrolling: the interrupted run, where it would go on from, and Resume.
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toContainText(/ResNet-8 \(option A, width 4\): Interrupted at iteration \d+: the page was reloaded/);
  await expect(banner).toContainText(/Its checkpoint at iteration \d+ is kept/);
  await expect(banner.getByRole('button', { name: 'Resume' })).toBeInViewport();
  mkdirSync('e2e-artifacts', { recursive: true });
  await page.screenshot({ path: 'e2e-artifacts/resume-banner.png' });
  await expectAccessibleInBothThemes(page, 'resume banner');

  // Train on the same set-up would train it again from iteration 0: it asks, with the keyboard on Resume.
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const question = page.getByTestId('train-question');
  await expect(question).toContainText('Resume or start again?');
  await expect(question).toContainText(/ResNet-8 \(option A, width 4\) \(checkpoint at iteration \d+\)/);
  await expect(question.getByRole('button', { name: 'Resume' })).toBeFocused();
  await page.locator('.run-bar').screenshot({ path: 'e2e-artifacts/resume-question.png' });
  await question.getByRole('button', { name: 'Resume' }).click();
  await expect(page.locator('#status')).toBeFocused();
  await expect(page.getByTestId('run-row')).toHaveCount(1); // resumed, not queued a second time
  await expect(banner).toHaveCount(0);

  // Stop: "Stopping…" before the worker has said anything (read in the same task as the press, before any
  // message from the worker can be handled), until it confirms.
  await expect(page.getByTestId('run-row')).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
  const shown = await page.evaluate(async () => {
    const stop = Array.from(document.querySelectorAll<HTMLButtonElement>('.run-controls button')).find((button) => button.textContent === 'Stop')!;
    stop.click();
    for (let i = 0; i < 5; i++) await Promise.resolve(); // React renders a press's update in a microtask at the latest
    return {
      activity: document.querySelector('[data-testid="run-activity"]')?.textContent,
      queue: document.querySelector('.queue-current')?.textContent,
      stop: stop.textContent,
      disabled: stop.disabled,
    };
  });
  expect(shown).toEqual({
    activity: expect.stringMatching(/^Stopping… \(the step under way finishes first\)/),
    queue: expect.stringMatching(/\(stopping…\)$/),
    stop: 'Stopping…',
    disabled: true,
  });
  await expect(page.getByTestId('run-row')).toHaveAttribute('data-state', 'stopped', { timeout: 120_000 });

  // The stopped run is offered at the top again; its Resume also moves the keyboard to the status.
  await banner.getByRole('button', { name: 'Resume' }).click();
  await expect(page.locator('#status')).toBeFocused();
  await expect(page.getByTestId('run-row')).not.toHaveAttribute('data-state', 'stopped');
  await page.getByRole('button', { name: 'Stop' }).click();
});
