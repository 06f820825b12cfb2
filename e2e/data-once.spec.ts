// Data once (issue 20, finding 9): the 184 MB that the server prepared are downloaded once and kept in this
// browser, and a micro run can train on the first file while the rest is still on its way.
import { mkdirSync } from 'node:fs';
import { expect, test, type Route } from '@playwright/test';
import { seriousViolations } from './accessibility';
import { MICRO_RUN_QUERY, openApp, waitForDataReady } from './helpers';

const BATCH_FILE = /\/data\/cifar-10-batches-bin\/[^/]+\.bin$/;
const LATER_FILES = /\/data\/cifar-10-batches-bin\/data_batch_[2-5]\.bin$/;

test('the served dataset is downloaded once: after a reload it comes from this browser’s storage, with no request', async ({ page }) => {
  test.setTimeout(150_000);
  const downloads: string[] = [];
  page.on('request', (request) => {
    if (BATCH_FILE.test(request.url())) downloads.push(request.url().split('/').pop()!);
  });
  // When the page shows the download's progress: the worker reports at most every 100 ms, and each report is a render.
  await page.addInitScript(() => {
    const shown: number[] = [];
    (window as unknown as { progressShownAt: number[] }).progressShownAt = shown;
    new MutationObserver(() => {
      const bar = document.querySelector('progress[aria-label="Dataset loading"]');
      const value = bar?.getAttribute('value');
      if (value && value !== (window as unknown as { lastProgress?: string }).lastProgress) {
        (window as unknown as { lastProgress?: string }).lastProgress = value;
        shown.push(performance.now());
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
  const opened = Date.now();
  await openApp(page);
  await waitForDataReady(page);
  await expect(page.getByTestId('data-status')).toContainText('from the server');
  const fromServerSeconds = (Date.now() - opened) / 1000;
  const readyAt = Date.now();
  const shownAt = await page.evaluate(() => (window as unknown as { progressShownAt: number[] }).progressShownAt);
  const spanMs = shownAt.at(-1)! - shownAt[0];
  console.log(`Download progress shown ${shownAt.length} times over ${(spanMs / 1000).toFixed(2)} s (${(shownAt.length / Math.max(spanMs / 1000, 0.1)).toFixed(1)} per second)`);
  expect(shownAt.length).toBeLessThanOrEqual(spanMs / 100 + 3);
  expect(downloads).toEqual(['data_batch_1.bin', 'test_batch.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin']);
  const storage = page.getByTestId('dataset-storage');
  await expect(storage).toContainText('Kept in this browser’s storage (IndexedDB, 184.4 MB)');
  console.log(`Saved in this browser's storage within ${((Date.now() - readyAt) / 1000).toFixed(1)} s of 'ready' (the save runs while the page is usable)`);
  await expect(storage).toContainText(/The browser (agreed to keep it|did not promise to keep it)/);
  expect(await seriousViolations(page)).toEqual([]);
  mkdirSync('e2e-artifacts', { recursive: true });
  await page.getByTestId('drop-zone').screenshot({ path: 'e2e-artifacts/data-once-kept.png' });

  downloads.length = 0;
  const reloaded = Date.now();
  await page.reload();
  await expect(page.getByTestId('data-status')).toContainText('CIFAR-10 ready from this browser’s cache: 50,000 training, 10,000 test images', { timeout: 60_000 });
  expect(downloads).toEqual([]);
  console.log(`Ready from the server (localhost) ${fromServerSeconds.toFixed(1)} s after opening; from this browser's storage ${((Date.now() - reloaded) / 1000).toFixed(1)} s after the reload`);

  // Removing the copy keeps this session's data and sends focus to the sentence that says what happened.
  await storage.getByRole('button', { name: 'Remove the copy' }).click();
  await expect(storage).toContainText('was removed from this browser’s storage');
  await expect(storage).toBeFocused();
  downloads.length = 0;
  await page.reload();
  await waitForDataReady(page);
  await expect(page.getByTestId('data-status')).toContainText('from the server');
  expect(downloads).toHaveLength(6);
});

test('a micro run trains on the first file while the later files are still downloading', async ({ page }) => {
  test.setTimeout(150_000);
  // data_batch_2..5 are held back until the micro run trains.
  const held: Route[] = [];
  let released = false;
  await page.route(LATER_FILES, (route) => void (released ? route.continue() : held.push(route)));
  await openApp(page, MICRO_RUN_QUERY);
  const status = page.getByTestId('data-status');
  await expect(status).toContainText('The first 10,000 training images are here: the micro demo can start', { timeout: 60_000 });
  await expect(status).toContainText('61.5 MB of 184.4 MB');
  await expect(page.getByTestId('dataset-storage')).toContainText('the micro demo, and any run on up to 10,000 training images');
  expect(await seriousViolations(page)).toEqual([]);
  mkdirSync('e2e-artifacts', { recursive: true });
  await page.screenshot({ path: 'e2e-artifacts/data-once-partial.png' });

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const row = page.getByTestId('run-row');
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  expect(held.map((route) => route.request().url().split('/').pop())).toEqual(['data_batch_2.bin']); // still unanswered
  await expect(status).not.toContainText('CIFAR-10 ready');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(row).toHaveAttribute('data-state', 'stopped', { timeout: 60_000 });

  released = true;
  for (const route of held) await route.continue();
  await waitForDataReady(page);
  await expect(status).toContainText('50,000 training, 10,000 test images');
});
