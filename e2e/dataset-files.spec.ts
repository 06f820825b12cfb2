import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp, waitForDataReady } from './helpers';

const FILES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'];
// The prepared copy the app serves; the same files a user would pick from the official archive.
const PREPARED = process.env.CIFAR10_OUT ?? 'public/data/cifar-10-batches-bin';

test('the .bin files picked from disk are parsed in the worker, cached in the browser, and used after a reload', async ({ page }) => {
  await openApp(page);
  await waitForDataReady(page);
  await expect(page.getByTestId('data-status')).toContainText('from the server');

  await page.getByTestId('file-input').setInputFiles(FILES.map((name) => join(PREPARED, name)));
  await expect(page.getByTestId('data-status')).toContainText('CIFAR-10 ready from your files', { timeout: 180_000 });
  await expect(page.getByTestId('data-status')).toContainText('50,000 training, 10,000 test images');

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
