import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectDiagnosticsShown } from './diagnostics';
import { MICRO_RUN_QUERY, chartPoints, openApp, waitForDataReady } from './helpers';

// Two micro networks (8 layers, 4 filters, 64 images, 2 epochs of 4 steps) as one experiment, from a link.
const MICRO_EXPERIMENT_QUERY = `${MICRO_RUN_QUERY.replace('epochs=3', 'epochs=2')}&exp=custom&runs=plain-8,resnet-8`;

test('a two-run experiment trains in sequence on WebGPU, both curves and their diagnostics are drawn, the CSV has both runs, and a reload and an import keep them', async ({ page, browser }) => {
  const startedAt = Date.now();
  await openApp(page, MICRO_EXPERIMENT_QUERY);
  await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU', { timeout: 60_000 });
  await waitForDataReady(page);
  await expect(page.getByTestId('experiment-members')).toContainText('plain-8');
  await expect(page.getByTestId('experiment-members')).toContainText('ResNet-8');

  // Before starting: the expected wall time, from a speed measured on this device.
  await page.getByTestId('wall-time').getByRole('button', { name: 'Measure speed' }).click();
  await expect(page.getByTestId('wall-time')).toContainText(/Expected wall time: about \d+/, { timeout: 180_000 });

  await page.getByRole('button', { name: 'Run experiment (2 runs)' }).click();
  // One after the other: while the first trains, the second waits in the queue.
  await expect(page.getByTestId('queued-run')).toHaveCount(1, { timeout: 60_000 });
  // Both speeds are measured, so the queue knows its time left: the live ETA plus the waiting run's estimate.
  await expect(page.getByTestId('queue-eta')).toContainText(/About .+ left for the queue/);
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(2, { timeout: 300_000 });
  await expect(rows.nth(0)).toHaveAttribute('data-state', 'finished', { timeout: 300_000 });
  await expect(rows.nth(1)).toHaveAttribute('data-state', 'finished', { timeout: 300_000 });
  console.log(`micro two-run experiment: ${((Date.now() - startedAt) / 1000).toFixed(0)} s from page load to both finished`);
  // One tab: from one run to the next the queue keeps its training lock, and never says another tab trains (issue 20).
  await expect(page.getByText('Another tab of this page is training')).toHaveCount(0);

  // Both runs are on the chart, each with its own legend entry, and can be toggled off and on.
  const legend = page.getByTestId('legend-entry');
  await expect(legend).toHaveCount(2);
  await expect(legend.nth(0)).toContainText('plain-8');
  await expect(legend.nth(1)).toContainText('ResNet-8');
  await expect(rows.nth(0).getByTestId('run-test-error')).toHaveText(/\d+\.\d%/);
  await expect(rows.nth(1).getByTestId('run-test-error')).toHaveText(/\d+\.\d%/);

  // Nothing is recomputed by accident: both are finished with identical settings, so there is nothing to run.
  await expect(page.getByRole('button', { name: 'All 2 finished here' })).toBeDisabled();
  await expect(page.locator('.run-blocked')).toContainText('already finished here');
  await expect(page.getByTestId('experiment-members')).toContainText('already trained here');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toMatch(/^source,run_id,run_name,network/);
  // source and run_id never contain commas, so the second field is the run id.
  expect(new Set(lines.slice(1).map((line) => line.split(',')[1])).size).toBe(2);
  expect(csv).toContain('plain-8 (width 4)');
  expect(csv).toContain('"ResNet-8 (option A, width 4)"');
  expect(lines.some((line) => line.includes(',test,'))).toBe(true);
  expect(lines.some((line) => line.includes(',train,'))).toBe(true);

  // The chart as pictures, with the legend drawn in (the page's legend is HTML, outside the <svg>).
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const svg = readFileSync(await (await svgDownload).path(), 'utf8');
  expect(svg).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('plain-8');
  expect(svg).toContain('ResNet-8');
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const png = readFileSync(await (await pngDownload).path());
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(png.length).toBeGreaterThan(10_000);

  mkdirSync('e2e-artifacts', { recursive: true });
  await page.screenshot({ path: 'e2e-artifacts/experiment.png', fullPage: true });

  // Inside the networks: gradient heatmaps, Fig. 7, the confusion matrix (64 test images) and its images.
  await expectDiagnosticsShown(page, ['plain-8', 'ResNet-8'], 64, 'e2e-artifacts/diagnostics.png');
  await page.getByTestId('diagnostics').screenshot({ path: 'e2e-artifacts/diagnostics-section.png' });
  const layersDownload = page.waitForEvent('download');
  await page.getByTestId('export-diagnostics-layers').click();
  const layers = readFileSync(await (await layersDownload).path(), 'utf8').trim().split('\n');
  expect(layers[0]).toMatch(/^run_id,run_name,iteration,epoch,series,layer_index,layer/);
  // Both runs, both series, every layer of every sample: per (run, iteration) 15 gradient rows and 7 layers.
  const rowsPerSample = new Map<string, number>();
  for (const line of layers.slice(1)) {
    // A run's name is quoted when it holds a comma ("ResNet-8 (option A, width 4)"): quoted fields first.
    const [runId, , iteration] = line.replace(/"(?:[^"]|"")*"/g, 'name').split(',');
    rowsPerSample.set(`${runId}@${iteration}`, (rowsPerSample.get(`${runId}@${iteration}`) ?? 0) + 1);
  }
  expect(new Set([...rowsPerSample.keys()].map((key) => key.split('@')[0])).size).toBe(2);
  expect(rowsPerSample.size).toBeGreaterThanOrEqual(4);
  expect([...rowsPerSample.values()].every((rows) => rows === 15 + 7)).toBe(true);

  const pointsBeforeReload = await chartPoints(page);
  expect(pointsBeforeReload).toBeGreaterThanOrEqual(4);
  await page.reload();
  await expect(rows).toHaveCount(2, { timeout: 60_000 });
  await expect(rows.nth(0)).toHaveAttribute('data-state', 'finished');
  await expect(rows.nth(1)).toHaveAttribute('data-state', 'finished');
  await expect(page.getByTestId('legend-entry')).toHaveCount(2);
  // The same curves come back from IndexedDB.
  await expect.poll(() => chartPoints(page)).toBe(pointsBeforeReload);

  // Someone else's browser: the JSON export imports there, marked as imported, with its curves.
  const jsonDownload = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const jsonPath = await (await jsonDownload).path();
  const otherBrowser = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const other = await otherBrowser.newPage();
  await openApp(other);
  await other.getByTestId('import-json').setInputFiles(jsonPath);
  await expect(other.getByTestId('run-row')).toHaveCount(2);
  await expect(other.getByTestId('run-row').nth(0)).toContainText('imported from');
  await expect(other.getByTestId('legend-entry')).toHaveCount(2);
  // The imported runs bring their diagnostics: the same section, the images from this browser's dataset.
  await expectDiagnosticsShown(other, ['plain-8', 'ResNet-8'], 64, 'e2e-artifacts/diagnostics-imported.png');
  await otherBrowser.close();
});
