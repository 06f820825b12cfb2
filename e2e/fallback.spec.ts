import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('without a WebGPU adapter the badge shows the fallback backend and says why', async ({ page }) => {
  await openApp(page);
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveText(/WebGL|CPU/, { timeout: 60_000 });
  await expect(page.getByTestId('fallback-reason')).toContainText('WebGPU not used');
  await expect(page.getByTestId('fallback-reason')).toContainText(/adapter|navigator\.gpu/);
});
