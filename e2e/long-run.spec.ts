// Train on the defaults on a device without a GPU (issue 20, finding 5): the speed the first-visit guide measured
// here (plain-20 at the paper's size) says the run takes days, so Train asks first, with a shorter recipe.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessibleInBothThemes } from './accessibility';
import { openApp, waitForDataReady } from './helpers';

/** speedMemory.ts's storage key and the key the guide's plain-20 measurement is kept under (speedKey.ts). */
const SPEEDS_KEY = 'residual-playground.speeds.v1';
const PLAIN_20_KEY = 'webgpu|plain-20|basic|shortcut A|width 16|batch 128';

test('Train on the defaults, with a measured 40 s per step: it asks before days of training and offers a recipe that fits the hour', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU', { timeout: 60_000 });
  const detail = (await page.locator('.status-detail').first().textContent())!;
  // As the guide would have left it: plain-20 measured on this adapter at 40 s per 128-image step.
  await page.evaluate(
    ([key, adapter, speedKey]) => localStorage.setItem(key, JSON.stringify({ [adapter]: { [speedKey]: { msPerStep: 40_000, msPerEvalImage: 100, measuredAt: Date.now() } } })),
    [SPEEDS_KEY, `webgpu|${detail}`, PLAIN_20_KEY],
  );
  await page.reload();
  await waitForDataReady(page);

  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.click();
  const question = page.getByTestId('train-question');
  // 5,850 steps at 40 s and 15 evaluations of 10,000 images at 0.1 s: 69 h 10 min.
  await expect(question).toContainText('This takes about 2 days 21 h on this device');
  await expect(question).toContainText('estimated from plain-20’s measured speed');
  await expect(question.getByTestId('shorter-recipe')).toContainText(/A shorter recipe, 1 epoch on 2,000 training images, takes about \d+ min/);
  mkdirSync('e2e-artifacts', { recursive: true });
  await page.locator('.run-bar').screenshot({ path: 'e2e-artifacts/long-run-question.png' });
  await expectAccessibleInBothThemes(page, 'long-run question');

  // Cancel queues nothing and gives the keyboard back to Train.
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(train).toBeFocused();
  await expect(page.getByTestId('queue-panel')).toHaveCount(0);

  // The shorter recipe: the form takes it and the run is queued with it.
  await train.click();
  await question.getByRole('button', { name: /^Train 1 epoch on 2,000 training images instead/ }).click();
  await expect(page.locator('#epochs')).toHaveValue('1');
  await expect(page.locator('#trainSubset')).toHaveValue('2000');
  // Before the first step has finished the worker knows no ETA; the measured speed gives the run's length:
  // 15 steps at 40 s and 4 evaluations of 500 images at 0.1 s.
  await expect(page.getByTestId('run-activity')).toContainText('the whole run: about 13 min 20 s on this device (estimated from plain-20’s measured speed)');
  await expect(page.locator('#status')).toBeFocused();
  await page.getByRole('button', { name: 'Stop' }).click();
});
