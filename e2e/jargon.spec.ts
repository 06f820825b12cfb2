// The terms a student meets in the form and the status bar are explained where they appear, in text that the
// keyboard and a screen reader reach (a hint under the field, or a <details>), not in a hover-only title
// (issue 20, finding 11).
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('n in 6n+2, Seed, lr ÷10, test evaluations per epoch and the backend’s adapter are explained where they appear', async ({ page }) => {
  await openApp(page);
  // Hints under the fields, tied to their boxes for screen readers where the box is a number box.
  await expect(page.locator('#block-hint')).toContainText('n is the number of blocks in each of the 3 stages (n = 3 gives 20 layers)');
  await expect(page.locator('#seed-hint')).toContainText('Picks the random starting weights');
  await expect(page.locator('#seed')).toHaveAttribute('aria-describedby', 'seed-hint');
  await expect(page.locator('#schedule-hint')).toContainText('The learning rate (lr) is divided by 10 (“lr ÷10” on the chart)');
  await page.getByText('More: momentum, weight decay').click();
  await expect(page.locator('#evalsPerEpoch-hint')).toContainText('How often the network is scored on the test images during each epoch');
  await expect(page.locator('#evalsPerEpoch')).toHaveAttribute('aria-describedby', 'evalsPerEpoch-hint');

  // The adapter's words ("google swiftshader · fused WGSL kernels"), opened from the keyboard.
  await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU', { timeout: 60_000 });
  const explanation = page.getByTestId('backend-explanation');
  await explanation.getByText('What does this mean?').focus();
  await page.keyboard.press('Enter');
  await expect(explanation).toContainText('is not a graphics card: this browser has no GPU it may use');
  await expect(explanation).toContainText('“Fused WGSL kernels”: this page’s own GPU programs');
  mkdirSync('e2e-artifacts', { recursive: true });
  await page.locator('#status').screenshot({ path: 'e2e-artifacts/backend-explanation.png' });
  await page.locator('.control-panel').screenshot({ path: 'e2e-artifacts/field-hints.png' });
});
