import { expect, type Page } from '@playwright/test';

/** A micro network on a small subset (the "Micro network" preset, as URL parameters): ResNet-8, 4 filters,
 *  64 training and 64 test images, batch 16, so 4 steps per epoch. SwiftShader needs seconds per step. */
export const MICRO_RUN_QUERY = 'net=residual&depth=8&width=4&block=basic&shortcut=A&epochs=3&batch=16&lr=0.1&train=64&test=64&evals=1&seed=1';

export async function openApp(page: Page, query = ''): Promise<void> {
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
