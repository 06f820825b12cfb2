import { expect, test, type Browser, type Page } from '@playwright/test';
import { CHECKPOINTED_RUN, CHECKPOINTED_RUN_STEPS, expectOneContinuousHistory, largestDifference, nonFiniteNumbers, openApp, storedRuns, waitForDataReady } from './helpers';

interface Point {
  iteration: number;
}
interface StoredRun {
  train: Point[];
  test: Point[];
  backend?: { name: string };
}

/** Every text the backend badge showed, from the page's first render on (kept across reloads in sessionStorage). */
async function recordBadges(page: Page) {
  await page.addInitScript(() => {
    const seen = new Set<string>(JSON.parse(sessionStorage.getItem('badges-seen') ?? '[]') as string[]);
    const note = () => {
      const text = document.querySelector('[data-testid="backend-badge"]')?.textContent;
      if (text && !seen.has(text)) {
        seen.add(text);
        sessionStorage.setItem('badges-seen', JSON.stringify([...seen]));
      }
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return async () => page.evaluate(() => JSON.parse(sessionStorage.getItem('badges-seen') ?? '[]') as string[]);
}

async function startRun(page: Page) {
  await openApp(page, CHECKPOINTED_RUN);
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('run-row')).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
}

/** The same settings trained without a fault, in a browser context of its own (its own storage). */
async function uninterruptedRun(browser: Browser, baseURL: string): Promise<StoredRun> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await startRun(page);
  await expectOneContinuousHistory(page);
  const [run] = (await storedRuns(page)) as unknown as StoredRun[];
  await context.close();
  return run;
}

const checkpointAt = async (page: Page) => Number(/iteration (\d+)/.exec((await page.getByTestId('run-checkpoint-live').textContent()) ?? '')?.[1]);

test('one run through two GPU process crashes, a reload and a resume: the uninterrupted curve, on WebGPU throughout, nothing non-finite stored', async ({ page, browser, baseURL }) => {
  const started = Date.now();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const expected = await uninterruptedRun(browser, baseURL!);
  console.log(`uninterrupted run: ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const badgesSeen = await recordBadges(page);
  await startRun(page);
  const row = page.getByTestId('run-row');
  const cdp = await browser.newBrowserCDPSession();
  const recovered = page.locator('.notice').filter({ hasText: /The GPU was reset .* resumed from iteration \d+ \(checkpoint\)/ });
  await expect(page.getByTestId('run-checkpoint-live')).toContainText(/checkpoint at iteration [1-5]/, { timeout: 240_000 });
  const firstCrashAt = Date.now();
  await cdp.send('Browser.crashGpuProcess');
  await expect(recovered).toHaveCount(1, { timeout: 120_000 });
  // The second crash right after the recovery. The new worker waits for WebGPU (right after a crash Chromium
  // gives no adapter for about half a second). Two losses within 2 minutes make Chromium block the site, reloads
  // included, until the 1st is 2 minutes old (kBlockedDomainExpirationPeriod; src/state/recovery.ts): the run then
  // stops, resumable, and the notice offers a reload, or WebGL; it never goes on on WebGL by itself. (Once in the
  // measurements WebGPU came back at once: both outcomes are the app's to handle.)
  await cdp.send('Browser.crashGpuProcess');
  const offer = page.locator('.notice').filter({ hasText: 'WebGPU is no longer available in this page', has: page.getByRole('button', { name: 'Reload on WebGL' }) });
  await expect(recovered.nth(1).or(offer)).toBeVisible({ timeout: 120_000 });
  if (await offer.isVisible()) {
    await expect(row).toHaveAttribute('data-state', 'failed');
    await expect(row).toContainText(/The GPU was reset .* WebGPU is no longer available in this page .* after a reload it resumes from iteration \d+ on WebGPU/);
    await expect(row.getByTestId('run-checkpoint')).toContainText(/resumable from iteration \d+/);
    console.log(`2nd crash: ${await row.locator('.run-message').textContent()}`);
    // What the user does: Reload (for WebGPU; the reloaded page waits for it, or offers the same again).
    for (let reloads = 1; ; reloads++) {
      await offer.getByRole('button', { name: 'Reload', exact: true }).click();
      const onWebGpu = page.getByTestId('backend-badge').filter({ hasText: /^WebGPU$/ });
      await expect(onWebGpu.or(offer)).toBeVisible({ timeout: 120_000 });
      if (await onWebGpu.isVisible()) break;
      const blockedFor = (Date.now() - firstCrashAt) / 1000;
      console.log(`reload ${reloads}: still no WebGPU adapter, ${blockedFor.toFixed(0)} s after the 1st crash`);
      // Chromium's block ends 120 s after the 1st crash; 60 s more for the reload and the adapter's patience.
      expect(blockedFor).toBeLessThan(180);
      await page.waitForTimeout(5_000);
    }
    await waitForDataReady(page);
    await page.getByRole('button', { name: 'Resume ResNet-8' }).click();
    await expect(row).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
  } else {
    console.log(`2nd crash: ${await recovered.nth(1).textContent()}`);
  }
  await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU');

  // A reload mid-run, and a resume. The run is paused first (a pause saves a checkpoint), so the reload comes
  // mid-run however fast the device: with the page's own work cut (issue 20), the five steps left after the
  // resume took about 2 s on this VM, and a reload timed by watching for the next checkpoint found the run finished.
  const resumedAt = await checkpointAt(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(row).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await expect.poll(() => checkpointAt(page), { timeout: 60_000 }).toBeGreaterThan(resumedAt);
  const shown = Number((await row.getByTestId('run-iteration').textContent())?.split(' / ')[0]);
  await page.reload();
  await expect(row).toHaveAttribute('data-state', 'stopped');
  const interrupted = Number(/Interrupted at iteration (\d+): the page was reloaded/.exec((await row.textContent()) ?? '')?.[1]);
  console.log(`reloaded with ${shown} / ${CHECKPOINTED_RUN_STEPS} shown: "Interrupted at iteration ${interrupted}"`);
  expect(interrupted).toBeGreaterThanOrEqual(shown);
  expect(interrupted).toBeLessThan(CHECKPOINTED_RUN_STEPS);
  await waitForDataReady(page);
  await page.getByRole('button', { name: 'Resume ResNet-8' }).click();
  await expectOneContinuousHistory(page);

  // One continuous curve, equal to the uninterrupted run's (WebGPU on Dawn resumes bit for bit; README).
  const [run] = (await storedRuns(page)) as unknown as StoredRun[];
  const trainDifference = largestDifference(run.train, expected.train);
  const testDifference = largestDifference(run.test, expected.test);
  console.log(`largest difference from the uninterrupted run: training points ${trainDifference}, test points ${testDifference}`);
  expect(trainDifference).toBeLessThanOrEqual(1e-6);
  expect(testDifference).toBeLessThanOrEqual(1e-6);
  // The user chose no other backend, so none was used: the run, the badge and the notices say WebGPU only.
  expect(run.backend?.name).toBe('webgpu');
  await expect(page.getByTestId('backend-badge')).toHaveText('WebGPU');
  expect(await badgesSeen()).toEqual(expect.arrayContaining(['WebGPU']));
  expect((await badgesSeen()).filter((text) => text !== 'WebGPU' && text !== 'Choosing backend…')).toEqual([]);
  await expect(page.getByTestId('fallback-reason')).toHaveCount(0);
  expect(nonFiniteNumbers(await storedRuns(page), 'runs')).toEqual([]);
  expect(errors).toEqual([]);
  console.log(`wall time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
});
