import { expect, type Page } from '@playwright/test';

/** A micro network on a small subset (the "Micro network" preset, as URL parameters): ResNet-8, 4 filters,
 *  64 training and 64 test images, batch 16, so 4 steps per epoch. SwiftShader needs seconds per step. */
export const MICRO_RUN_QUERY = 'net=residual&depth=8&width=4&block=basic&shortcut=A&epochs=3&batch=16&lr=0.1&train=64&test=64&evals=1&seed=1';

/** The first-visit path's "done" flag (src/firstVisit/firstVisitMemory.ts). */
export const FIRST_VISIT_DONE_KEY = 'residual-playground.first-visit-done';

/** Opens the page as a returning visitor (the form, not the first-visit path) unless `firstVisit` is set. */
export async function openApp(page: Page, query = '', options: { firstVisit?: boolean } = {}): Promise<void> {
  if (!options.firstVisit) await page.addInitScript((key) => localStorage.setItem(key, '1'), FIRST_VISIT_DONE_KEY);
  await page.goto(query ? `./?${query}` : './');
  await expect(page.getByRole('heading', { name: 'Residual learning playground' })).toBeVisible();
}

export async function waitForDataReady(page: Page): Promise<void> {
  await expect(page.getByTestId('data-status')).toContainText('CIFAR-10 ready', { timeout: 120_000 });
}

export async function chartPoints(page: Page): Promise<number> {
  return Number(await page.getByTestId('error-chart').getAttribute('data-points'));
}

/** Drops files on the drop zone the way a browser does: a real DataTransfer with File objects. */
export async function dropFiles(page: Page, files: { name: string; bytes: number[] }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((specs) => {
    const transfer = new DataTransfer();
    specs.forEach((spec) => transfer.items.add(new File([new Uint8Array(spec.bytes)], spec.name)));
    return transfer;
  }, files);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
}

/** The micro run for 2 epochs, evaluated after each of its 4 steps per epoch (8 steps): a checkpoint follows
 *  every step. */
export const CHECKPOINTED_RUN = MICRO_RUN_QUERY.replace('evals=1', 'evals=4').replace('epochs=3', 'epochs=2');
export const CHECKPOINTED_RUN_STEPS = 8;

/** The stored record of the only run (what survives a reload), read straight from IndexedDB. */
export async function storedCurves(page: Page): Promise<{ train: number[]; test: number[]; state: string }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('residual-playground-runs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('runs').objectStore('runs').getAll();
          request.onsuccess = () => {
            const [run] = request.result as { train: { iteration: number }[]; test: { iteration: number }[]; state: string }[];
            open.result.close();
            resolve({ train: run.train.map((p) => p.iteration), test: run.test.map((p) => p.iteration), state: run.state });
          };
        };
      }),
  );
}

export const strictlyIncreasing = (values: number[]): boolean => values.every((value, i) => i === 0 || value > values[i - 1]);

/** The fault injection main.tsx exposes (trainingClient.injectFault). */
export async function injectFault(page: Page, fault: 'loseGpuDevice' | 'hang' | 'terminate', heartbeatTimeoutMs?: number): Promise<void> {
  await page.evaluate(
    ([f, ms]) => (window as unknown as { residualPlayground: { injectFault: (f: unknown, ms?: number) => void } }).residualPlayground.injectFault(f, ms),
    [fault, heartbeatTimeoutMs] as const,
  );
}

/** The run finished all its steps with one continuous history (each evaluation once, in order). */
export async function expectOneContinuousHistory(page: Page) {
  const row = page.getByTestId('run-row');
  await expect(row).toHaveAttribute('data-state', 'finished', { timeout: 400_000 });
  await expect(row.getByTestId('run-iteration')).toHaveText(`${CHECKPOINTED_RUN_STEPS} / ${CHECKPOINTED_RUN_STEPS}`);
  await expect.poll(async () => (await storedCurves(page)).state, { timeout: 10_000 }).toBe('finished');
  const curves = await storedCurves(page);
  expect(strictlyIncreasing(curves.train)).toBe(true);
  expect(curves.train.at(-1)).toBe(CHECKPOINTED_RUN_STEPS);
  expect(curves.test).toEqual(Array.from({ length: CHECKPOINTED_RUN_STEPS }, (_, i) => i + 1));
}

/** Every stored run record, as IndexedDB holds it (numbers as stored: NaN and Infinity stay what they are). */
export async function storedRuns(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('residual-playground-runs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('runs').objectStore('runs').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as Record<string, unknown>[]);
          };
        };
      }),
  );
}

/** Where `value` holds a number that is not finite, as paths like "runs[0].train[3].trainLoss" (none: []). */
export function nonFiniteNumbers(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonFiniteNumbers(item, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => nonFiniteNumbers(item, path ? `${path}.${key}` : key));
  return [];
}

/** The largest absolute difference between the numbers of two curves of the same points (Infinity when their
 *  iterations differ). */
export function largestDifference<T extends { iteration: number }>(a: T[], b: T[]): number {
  if (a.length !== b.length || a.some((point, i) => point.iteration !== b[i].iteration)) return Infinity;
  let largest = 0;
  a.forEach((point, i) => {
    for (const [key, x] of Object.entries(point)) {
      const y = (b[i] as Record<string, unknown>)[key];
      if (typeof x === 'number' && typeof y === 'number') largest = Math.max(largest, Math.abs(x - y));
      else if (x !== y) largest = Infinity;
    }
  });
  return largest;
}
