import { expect, test } from '@playwright/test';
import { chartPoints, openApp, waitForDataReady } from './helpers';

/** Issue 19's link: ResNet-8 with 4 filters on 32 images at lr 10, momentum 0.99, weight decay 0.1, evaluated
 *  every 2 steps; on SwiftShader it diverges at iteration 62, an evaluation, right after a checkpoint at 60. */
const DIVERGING_RUN = 'net=residual&depth=8&width=4&block=basic&shortcut=A&schedule=quick&epochs=200&batch=16&lr=10&momentum=0.99&wd=0.1&train=32&test=16&evals=1&seed=71&augment=0';

/** Every number of every point of every stored run, read straight from IndexedDB: none may be NaN or infinite. */
async function storedNonFinite(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('residual-playground-runs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('runs').objectStore('runs').getAll();
          request.onsuccess = () => {
            const runs = request.result as { train: Record<string, number>[]; test: Record<string, number>[] }[];
            open.result.close();
            resolve(runs.flatMap((run) => [...run.train, ...run.test].flatMap((point) => Object.entries(point).filter(([, value]) => !Number.isFinite(value)).map(([key, value]) => `${key} ${value} at ${point.iteration}`))));
          };
        };
      }),
  );
}

test('a run that diverges at an evaluation keeps its curve, its record and its checkpoint through a reload (issue 19)', async ({ page }) => {
  test.setTimeout(15 * 60_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await openApp(page, DIVERGING_RUN);
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const row = page.getByTestId('run-row');
  await expect(row).toHaveAttribute('data-state', 'failed', { timeout: 12 * 60_000 });
  await expect(row).toContainText(/Diverged at iteration \d+: .*last good checkpoint \(iteration \d+\) is kept/);
  const checkpoint = await row.getByTestId('run-checkpoint').textContent();
  expect(checkpoint).toMatch(/resumable from iteration \d+/);
  const points = await chartPoints(page);
  expect(points).toBeGreaterThan(0);
  // Let the history write the failed run (at most every 2 s; a change of state is written at once).
  await expect.poll(() => storedNonFinite(page)).toEqual([]);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Residual learning playground' })).toBeVisible();
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-state', 'failed');
  await expect(row).toContainText(/Diverged at iteration \d+/);
  await expect(page.getByTestId('legend-entry')).toHaveCount(1);
  await expect.poll(() => chartPoints(page)).toBe(points);
  await expect(page.locator('.notice').filter({ hasText: 'could not be read' })).toHaveCount(0);
  // The last good checkpoint is still offered, and still there after another reload.
  await expect(row.getByTestId('run-checkpoint')).toHaveText(checkpoint ?? '');
  await expect(page.getByRole('button', { name: /^Resume / })).toBeVisible();
  await page.reload();
  await expect(row.getByTestId('run-checkpoint')).toHaveText(checkpoint ?? '');
  expect(await storedNonFinite(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
});
