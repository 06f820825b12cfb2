import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { MICRO_RUN_QUERY, openApp, waitForDataReady } from './helpers';

// The clipboard is granted so "Copy JSON" really copies; should a browser refuse it anyway, the dialog's text box
// fallback holds the same JSON.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** The JSON "Copy JSON" gave: from the clipboard, or from the text box shown when the clipboard was refused. */
async function copiedJson(page: Page, dialog: Locator): Promise<string> {
  await dialog.getByRole('button', { name: 'Copy JSON' }).click();
  const fallback = dialog.getByRole('textbox', { name: 'The device report as JSON' });
  await expect(dialog.getByText('Copied to the clipboard.').or(fallback)).toBeVisible();
  if (await fallback.isVisible()) return fallback.inputValue();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Opens the dialog once the worker has its WebGPU backend. */
async function openDeviceReport(page: Page): Promise<Locator> {
  await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Device report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Device report' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Every kernel shape names the implementation it keeps, highlighted among its candidates. */
async function expectKernelsChosen(dialog: Locator): Promise<void> {
  const rows = dialog.getByTestId('device-report-kernels').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  const chosen = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-chosen') ?? ''));
  expect(chosen.every((name) => name.length > 0)).toBe(true);
  await expect(rows.first().locator('li.chosen')).toContainText('chosen');
}

test('Device report: on SwiftShader it measures a tiny network, shows the kernels chosen, and copies the JSON', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page, MICRO_RUN_QUERY);
  await waitForDataReady(page);
  const started = Date.now();
  const dialog = await openDeviceReport(page);
  // A software adapter: the small network, said in a sentence, and progress while it is measured.
  await expect(dialog).toContainText('ResNet-8 with 4 filters at batch 16');
  await expect(dialog.getByRole('status')).toContainText('Measuring');

  const adapter = dialog.getByTestId('device-report-adapter');
  const error = dialog.getByTestId('device-report-error');
  await expect(adapter.or(error)).toBeVisible({ timeout: 240_000 });
  console.log(`device report answered in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await expect(error).toHaveCount(0); // else its message is the failure's
  await expect(adapter).toContainText(/swiftshader/i);
  await expect(adapter).toContainText('software');

  const speeds = dialog.getByTestId('device-report-speed');
  await expect(speeds.first()).toContainText(/images\/s/);
  const rates = await speeds.evaluateAll((lines) => lines.map((line) => Number(line.getAttribute('data-images-per-second'))));
  expect(rates.length).toBeGreaterThanOrEqual(1);
  expect(rates.every((rate) => rate > 0)).toBe(true);
  await expectKernelsChosen(dialog);
  await page.screenshot({ path: '/tmp/device-report.png' });

  const report = JSON.parse(await copiedJson(page, dialog)) as { device: { software: boolean }; results: { imagesPerSecond: number }[] };
  expect(report.device.software).toBe(true);
  expect(report.results[0].imagesPerSecond).toBeGreaterThan(0);

  // Escape closes it, and the keyboard is back on the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Device report' })).toBeFocused();
});

/** Answers the page's device report requests itself, with `answer`, a second later (the worker never sees them). */
async function answerDeviceReports(page: Page, answer: { report: unknown } | { error: string }): Promise<void> {
  await page.addInitScript((reply) => {
    const send = Worker.prototype.postMessage as (this: Worker, ...args: unknown[]) => void;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const command = message as { type?: string; requestId?: string } | null;
      if (command?.type !== 'deviceReport') return send.call(this, message, ...rest);
      setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: { type: 'deviceReport', requestId: command.requestId, ...reply } })), 1000);
    } as Worker['postMessage'];
  }, answer);
}

test('Device report: a report shows in words and tables and downloads; a refusal shows as a message', async ({ page }) => {
  // The UI alone, in seconds: the worker's answer is a report measured by `npm run bench:node -- --report`.
  const report = JSON.parse(readFileSync('bench/device-report-swiftshader.json', 'utf8')) as { results: unknown[] };
  await answerDeviceReports(page, { report });
  await openApp(page, MICRO_RUN_QUERY);
  const dialog = await openDeviceReport(page);
  await expect(dialog.getByTestId('device-report-speed')).toHaveCount(report.results.length);
  await expectKernelsChosen(dialog);
  await expect(dialog.getByRole('table').first()).toContainText('GPU ms per step');
  await page.screenshot({ path: '/tmp/device-report-fixture.png' });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download JSON' }).click();
  expect((await download).suggestedFilename()).toMatch(/^device-report-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}\.json$/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('Device report: the worker’s refusal shows in the dialog', async ({ page }) => {
  await answerDeviceReports(page, { error: 'A device report is measured while no run trains.' });
  await openApp(page, MICRO_RUN_QUERY);
  const dialog = await openDeviceReport(page);
  await expect(dialog.getByRole('alert')).toHaveText('A device report is measured while no run trains.');
  await expect(dialog.getByRole('button', { name: 'Copy JSON' })).toHaveCount(0);
});
