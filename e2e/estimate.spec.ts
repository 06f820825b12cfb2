import { expect, test, type Page } from '@playwright/test';
import { MICRO_RUN_QUERY, openApp, waitForDataReady } from './helpers';

// The micro two-run experiment of experiment.spec.ts (and scripts/frame-times.mjs): plain-8 and ResNet-8, 4 filters,
// 64 images at batch 16, 2 epochs of 4 steps, one evaluation of 64 test images per epoch.
const MICRO_EXPERIMENT_QUERY = `${MICRO_RUN_QUERY.replace('epochs=3', 'epochs=2')}&exp=custom&runs=plain-8,resnet-8`;

/** The run table's states, e.g. ['finished', 'running']; a failed run's message comes with it. */
async function runStates(page: Page): Promise<string[]> {
  const rows = page.getByTestId('run-row');
  const states = await rows.evaluateAll((elements) => elements.map((row) => row.getAttribute('data-state') ?? ''));
  const failed = states.indexOf('failed');
  if (failed >= 0) throw new Error(`run ${failed + 1} failed: ${await rows.nth(failed).textContent()}`);
  return states;
}

test('the wall time expected before Train is within 25% of the time the micro experiment takes', async ({ page }) => {
  // NOT MET YET (issue 20, finding 10), so marked as failing: this test turns red once the estimate is honest
  // enough, and then the mark goes. Measured 2026-12-07 on the 2-core VM (load 2-3): estimated 2.3-4.4 s, measured
  // 4.7-8.4 s (ratio 1.9-2.1; the estimate before the parts were counted: ratio 2.6-3.6). With the page hidden
  // during the run the ratio was 1.42: about half the gap is the page's own drawing while it trains (on SwiftShader
  // it shares the CPU with the GPU work), the rest a run's first step (~300 ms beyond the probe's) and steps
  // ~1.5x the probe's. docs/benchmarks.md "How good the wall-time estimate is".
  test.fail();
  await openApp(page, MICRO_EXPERIMENT_QUERY);
  await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU', { timeout: 60_000 });
  await waitForDataReady(page);
  const estimate = page.getByTestId('wall-time');
  await estimate.getByRole('button', { name: 'Measure speed' }).click();
  await expect(estimate).toContainText(/Expected wall time: about \d+/, { timeout: 120_000 });
  const expectedSeconds = Number(await estimate.getAttribute('data-expected-seconds'));
  const estimateText = await estimate.textContent();

  const startedAt = Date.now();
  await page.getByRole('button', { name: 'Run experiment (2 runs)' }).click();
  await expect.poll(() => runStates(page), { timeout: 120_000, intervals: [50] }).toEqual(['finished', 'finished']);
  const measuredSeconds = (Date.now() - startedAt) / 1000;
  console.log(`micro experiment: estimated ${expectedSeconds.toFixed(1)} s, measured ${measuredSeconds.toFixed(1)} s (ratio ${(measuredSeconds / expectedSeconds).toFixed(2)}); the estimate read: ${estimateText}`);
  expect(Math.abs(measuredSeconds / expectedSeconds - 1)).toBeLessThanOrEqual(0.25);
});
