import { expect, test } from '@playwright/test';
import { DEFAULT_CONFIG } from '../src/config';
import { dropFiles, openApp, waitForDataReady } from './helpers';

test('a corrupt .bin file dropped on the page is refused with a clear message; the loaded dataset stays', async ({ page }) => {
  await openApp(page);
  await waitForDataReady(page);
  // 5,000 bytes: one whole 3,073-byte record and a truncated one.
  await dropFiles(page, [{ name: 'data_batch_1.bin', bytes: Array.from({ length: 5000 }, (_, i) => i % 10) }]);
  const notice = page.getByRole('alert').filter({ hasText: 'data_batch_1.bin' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/truncated|3,?073/i);
  await expect(page.getByTestId('data-status')).toContainText('CIFAR-10 ready');
});

test('a file that is not CIFAR-10 at all is refused with a message saying what was expected', async ({ page }) => {
  await openApp(page);
  await waitForDataReady(page);
  await dropFiles(page, [{ name: 'holiday.png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3] }]);
  await expect(page.getByRole('alert').filter({ hasText: 'holiday.png' })).toContainText(/tar\.gz|\.bin/);
});

test('junk in the URL is named in a message and replaced by defaults; the page still works', async ({ page }) => {
  await openApp(page, 'depth=21&lr=-1&batch=abc&colour=blue');
  const alerts = page.locator('.notice');
  await expect(alerts.filter({ hasText: 'depth' })).toContainText('6n+2');
  await expect(alerts.filter({ hasText: 'lr=' })).toContainText('positive');
  await expect(alerts.filter({ hasText: 'batch=' })).toContainText('not a whole number');
  await expect(alerts.filter({ hasText: 'colour' })).toBeVisible();
  await expect(page.locator('#depth')).toHaveValue('20');
  await expect(page.locator('#learningRate')).toHaveValue('0.1');
});

test('invalid settings typed in the form are explained next to the field and block Train', async ({ page }) => {
  await openApp(page);
  await waitForDataReady(page);
  await page.locator('#depth').fill('21');
  await expect(page.locator('#depth-error')).toContainText('6n+2');
  await page.locator('#learningRate').fill('-1');
  await expect(page.locator('#learningRate-error')).toContainText('positive');
  await page.locator('#learningRate').fill('NaN');
  await expect(page.locator('#learningRate-error')).toContainText('positive');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await page.locator('#depth').fill('56');
  await page.locator('#learningRate').fill('0.1');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

test('a junk experiment in the URL and a file that is not a run export are named in messages; the page still works', async ({ page }) => {
  await openApp(page, 'exp=fig7&runs=plain-20,resnet-21,<b>x</b>');
  const notices = page.locator('.notice');
  await expect(notices.filter({ hasText: 'exp=' })).toContainText('fig7');
  await expect(notices.filter({ hasText: 'resnet-21' })).toContainText('6n+2');
  await expect(notices.filter({ hasText: '<b>x</b>' })).toBeVisible();
  // The good part of the list is kept.
  await expect(page.getByTestId('experiment-members')).toContainText('plain-20');

  await page.getByTestId('import-json').setInputFiles({ name: 'not-runs.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something-else"}') });
  await expect(notices.filter({ hasText: 'not-runs.json' })).toContainText('not a run export of this app');
  await page.getByTestId('import-json').setInputFiles({ name: 'truncated.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"residual-playground-runs","version":1,"runs":[{"id"') });
  await expect(notices.filter({ hasText: 'truncated.json' })).toContainText('not a JSON file');
  await expect(page.getByTestId('run-row')).toHaveCount(0);
});

test('links that used to blank the page (malformed %-escapes, tfjs flags, thousands of keys) open it with one message each', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const thousandKeys = Array.from({ length: 2000 }, (_, i) => `k${i}=1`).join('&');
  const links: [string, RegExp][] = [
    ['note=100%', /unknown URL parameter “note”/],
    ['lr=%ZZ', /lr=“%ZZ” is not a number/],
    ['depth=20%', /depth=“20%” is not a whole number/],
    ['tfjsflags=DEBUG:true', /unknown URL parameter “tfjsflags”/],
    ['batch=0x20', /batch=“0x20” is not a whole number/],
    ['exp=custom&runs=resnet-6002', /resnet-6002.*1202/],
    [thousandKeys, /Ignored 2,000 unknown URL parameters/],
  ];
  for (const [query, message] of links) {
    await openApp(page, query);
    const notices = page.locator('.notice');
    await expect(notices.filter({ hasText: message })).toHaveCount(1);
    await expect(notices.first()).toContainText('Link:');
  }
  await expect(page.locator('.notice')).toHaveCount(1); // the last link: one notice for its 2,000 keys
  expect(pageErrors).toEqual([]);
});

test('a poisoned run import (iteration 1e12, a null loss) is refused by name, and the page still loads after a reload', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const point = (iteration: number, trainLoss: number | null) => ({ iteration, epoch: 1, trainError: 50, trainLoss, learningRate: 0.1 });
  const run = (name: string, train: object[]) => ({ name, config: DEFAULT_CONFIG, state: 'finished', createdAt: 1, train, test: [] });
  const file = {
    format: 'residual-playground-runs',
    version: 1,
    runs: [run('far future', [point(0, 2.3), point(1e12, 1)]), run('diverged', [point(10, null)]), run('fine', [point(10, 2.2)])],
  };
  await openApp(page);
  await page.getByTestId('import-json').setInputFiles({ name: 'poisoned.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const notice = page.locator('.notice').filter({ hasText: 'poisoned.json' });
  await expect(notice).toContainText('Import:');
  await expect(notice).toContainText('Imported 1 run');
  await expect(notice).toContainText('“far future” was skipped: training point 2 is at iteration 1,000,000,000,000');
  await expect(notice).toContainText('“diverged” was skipped: training point 1 has no finite loss');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Residual learning playground' })).toBeVisible();
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('run-name')).toContainText('fine');
  await expect(page.locator('.notice').filter({ hasText: 'could not be read' })).toHaveCount(0); // what imported, stayed
  expect(pageErrors).toEqual([]);
});

test('a damaged record in the browser\'s storage is kept aside: never drawn, counted in a notice, downloadable', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await openApp(page);
  await page.getByTestId('import-json').setInputFiles({
    name: 'one.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'residual-playground-runs', version: 1, runs: [{ name: 'fine', config: DEFAULT_CONFIG, state: 'finished', createdAt: 1, train: [], test: [] }] })),
  });
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  // What a bug in another version, or a damaged disk, could leave: a run whose points are not numbers.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('residual-playground-runs');
        open.onsuccess = () => {
          const transaction = open.result.transaction('runs', 'readwrite');
          transaction.objectStore('runs').put({ id: 'damaged', schemaVersion: 1, sequence: 99, state: 'finished', createdAt: 2, train: [{ iteration: 'soon' }], test: null });
          transaction.oncomplete = () => (open.result.close(), resolve());
          transaction.onabort = () => reject(transaction.error);
        };
      }),
  );
  await page.reload();
  const notice = page.locator('.notice').filter({ hasText: 'could not be read' });
  await expect(notice).toContainText('Saved runs: 1 saved run could not be read');
  await expect(notice).toContainText('kept aside, not shown');
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: 'Download them (JSON)' }).click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  expect(saved.format).toBe('residual-playground-quarantine');
  expect(saved.records).toEqual([expect.objectContaining({ id: 'damaged', train: [{ iteration: 'soon' }] })]);
  // Kept aside: the next load does not complain again, and the good run is still there.
  await page.reload();
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.locator('.notice').filter({ hasText: 'could not be read' })).toHaveCount(0);
  // What the app exports, it imports (issue 19): Import JSON reads the download and says what is wrong in each run,
  await page.getByTestId('import-json').setInputFiles(file);
  await expect(page.locator('.notice').filter({ hasText: 'Nothing imported from' })).toContainText('Run 1 was skipped: it has no settings (config).');
  // and once the user has fixed that, the run imports.
  const fixed = { ...saved, records: [{ ...saved.records[0], config: DEFAULT_CONFIG, train: [], test: [] }] };
  await page.getByTestId('import-json').setInputFiles({ name: 'fixed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(fixed)) });
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  expect(pageErrors).toEqual([]);
});
