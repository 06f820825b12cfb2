import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { dropFiles, openApp, waitForDataReady } from './helpers';

const FILES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'];
// The prepared copy the app serves; the same files a user would pick from the official archive.
const PREPARED = process.env.CIFAR10_OUT ?? 'public/data/cifar-10-batches-bin';

test('the .bin files picked from disk are parsed in the worker, cached in the browser, and used after a reload', async ({ page }) => {
  // A server without the prepared data: what is cached after the reload can only be the picked files (the
  // served ones are cached too, data-once.spec.ts).
  await page.route(/\/data\/cifar-10-batches-bin\//, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openApp(page);
  await expect(page.getByTestId('data-status')).toContainText('CIFAR-10 is not on this server', { timeout: 60_000 });

  await page.getByTestId('file-input').setInputFiles(FILES.map((name) => join(PREPARED, name)));
  await expect(page.getByTestId('data-status')).toContainText('CIFAR-10 ready from your files', { timeout: 180_000 });
  await expect(page.getByTestId('data-status')).toContainText('50,000 training, 10,000 test images');

  await expect(page.getByTestId('dataset-storage')).toContainText('Kept in this browser’s storage (IndexedDB, 184.4 MB)', { timeout: 60_000 });

  await page.reload();
  await expect(page.getByTestId('data-status')).toContainText('CIFAR-10 ready from this browser’s cache', { timeout: 180_000 });
});

test('a cifar-10-binary.tar.gz picked from disk is gunzipped and untarred in the worker', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  // The official archive is a gzip'd GNU tar of the cifar-10-batches-bin folder; build one the same way.
  const archive = join(mkdtempSync(join(tmpdir(), 'cifar-archive-')), 'cifar-10-binary.tar.gz');
  execFileSync('tar', ['-czf', archive, '-C', dirname(PREPARED), 'cifar-10-batches-bin']);

  await openApp(page);
  await waitForDataReady(page);
  await page.getByTestId('file-input').setInputFiles(archive);
  await expect(page.getByTestId('data-status')).toContainText('CIFAR-10 ready from your files', { timeout: 300_000 });
  await expect(page.getByTestId('data-status')).toContainText('50,000 training, 10,000 test images');
});

test('several bad files dropped at once are each named with their defect, one line each; the loaded dataset stays', async ({ page }) => {
  await openApp(page);
  await waitForDataReady(page);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 8 }, (_, i) => i)];
  // Two whole 3,073-byte records; the second has label 10.
  const labelled = Array.from({ length: 2 * 3073 }, (_, i) => (i === 3073 ? 10 : i % 10));
  await dropFiles(page, [
    { name: 'data_batch_1.bin', bytes: png },
    { name: 'label_10_in_record_1.bin', bytes: labelled },
    { name: 'holiday.gif', bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 2, 3] },
  ]);
  const notice = page.locator('.notice').filter({ hasText: '3 files cannot be used as CIFAR-10' });
  await expect(notice).toBeVisible();
  const lines = (await notice.locator('.notice-message').innerText()).split('\n');
  expect(lines).toHaveLength(4);
  // The file that was refused as it was read first, then the .bin files whose records were checked.
  expect(lines[1]).toContain('holiday.gif is a GIF image, not CIFAR-10 data');
  expect(lines[2]).toContain('data_batch_1.bin is a PNG image, not a CIFAR-10 batch file');
  expect(lines[3]).toContain('label_10_in_record_1.bin has label 10 in record 1');
  await expect(page.getByTestId('data-status')).toContainText('CIFAR-10 ready');
});
