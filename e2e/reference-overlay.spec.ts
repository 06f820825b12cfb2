import { expect, test } from '@playwright/test';
import { chartPoints, openApp } from './helpers';

test('the PyTorch reference curves can be overlaid, labelled as measured outside the app', async ({ page }) => {
  await openApp(page);
  expect(await page.getByTestId('error-chart').getAttribute('data-points')).toBe('0');
  await page.getByTestId('reference-select').selectOption({ label: 'PyTorch reference, 15 epochs' });
  // 117 fine training points and 15 epoch points per run, merged on the iteration axis.
  await expect.poll(() => chartPoints(page)).toBeGreaterThan(100);
  await expect(page.getByTestId('reference-caption')).toContainText('not results of this browser');
  await expect(page.getByTestId('chart-legend')).toContainText('plain-56 (PyTorch ref.)');
});
