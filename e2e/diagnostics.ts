// The "Inside the networks" section after runs trained with diagnostics (used by experiment.spec.ts, which trains a
// micro plain/residual pair, and checks the same runs again after a JSON import elsewhere).
import { expect, type Page } from '@playwright/test';

/** The share of a heatmap's pixels that are painted (not transparent): a heatmap is one pixel per cell (the page
 *  scales it up), so one with data for every layer and sample is painted all over. Read by drawing the decoded
 *  <img> at its own size into a canvas of the test's. */
async function paintedShare(page: Page, selector: string, index: number): Promise<number> {
  return page.locator(selector).nth(index).evaluate(async (image: HTMLImageElement) => {
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1;
    return painted / (canvas.width * canvas.height);
  });
}

/**
 * Checks that the section shows `runNames` with data: a heatmap per run (painted, on one colour scale), the
 * Fig. 7 panel with a line per run, a confusion matrix whose counts add up to the evaluated images, and that a
 * non-empty mistaken cell opens its images with captions. `screenshot`, when given, is where the section is saved.
 */
export async function expectDiagnosticsShown(page: Page, runNames: string[], evaluatedImages: number, screenshot?: string): Promise<void> {
  const section = page.getByTestId('diagnostics');
  await section.scrollIntoViewIfNeeded();
  for (const name of runNames) await expect(section.getByRole('list', { name: /Runs shown in this section/ })).toContainText(name);

  // Gradient norms: one heatmap per run, each described for screen readers and painted.
  const gradients = section.getByTestId('diagnostics-gradients');
  const heatmaps = gradients.locator('.diag-heatmap-canvas img');
  await expect(heatmaps).toHaveCount(runNames.length);
  for (let i = 0; i < runNames.length; i++) {
    await expect(heatmaps.nth(i)).toHaveAttribute('alt', /Gradient norms of .+, 15 layers × \d+ samples? \(iterations \d+ to \d+\), from [\d.e-]+ to [\d.e-]+/);
    expect(await paintedShare(page, '[data-testid="diagnostics-gradients"] .diag-heatmap-canvas img', i)).toBe(1);
  }
  await expect(gradients.getByLabel(/Colour scale: gradient norm from/)).toBeVisible();

  // Under them, a plot per stage group with a line per run, each a path through several points.
  const stageLines = gradients.locator('.diag-small-chart .small-plot-line');
  await expect(stageLines).toHaveCount(4 * runNames.length);
  for (const d of await stageLines.evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''))) expect(d).toMatch(/^M[\d.-]+,[\d.-]+(L[\d.-]+,[\d.-]+)+$/);

  // Fig. 7: the std by layer index and sorted, a line per run in each plot, a point per layer.
  const figure7 = section.getByTestId('diagnostics-figure7');
  await expect(figure7.getByRole('heading', { name: /Fig\. 7/ })).toBeVisible();
  await expect(figure7.locator('.small-plot-line')).toHaveCount(2 * runNames.length);
  for (const d of await figure7.locator('.small-plot-line').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''))) expect(d.split('L').length).toBeGreaterThanOrEqual(2);
  // The pointer over a plot reads out every run's value at the nearest layer.
  const plot = figure7.locator('.small-plot-svg').first();
  const box = (await plot.boundingBox())!;
  await plot.hover({ position: { x: box.width / 2, y: box.height / 3 } });
  const readout = figure7.locator('.small-plot-readout');
  await expect(readout).toContainText(/^layer \d+/);
  for (const name of runNames) await expect(readout).toContainText(new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^:]*: [\\d.e-]+`));
  await page.mouse.move(0, 0);
  await expect(readout).toHaveCount(0);
  await expect(figure7.getByTestId('figure7-reading')).not.toBeEmpty();

  // Confusion: 100 cells whose counts add up to the evaluated images.
  const confusion = section.getByTestId('diagnostics-confusion');
  const cells = confusion.getByRole('button', { name: /^true .+, predicted .+: \d+ images?$/ });
  await expect(cells).toHaveCount(100);
  const labels = await cells.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  const counts = labels.map((label) => Number(/: (\d+) images?$/.exec(label)![1]));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(evaluatedImages);

  // A mistaken cell with images opens them, each captioned with its true and predicted class.
  const mistaken = labels.findIndex((label, i) => !label.startsWith(`true ${/predicted (\w+)/.exec(label)![1]},`) && counts[i] > 0);
  expect(mistaken).toBeGreaterThanOrEqual(0);
  await cells.nth(mistaken).click({ timeout: 20_000 });
  const gallery = confusion.locator('.diag-gallery');
  await expect(gallery).toBeVisible();
  await expect(gallery.locator('img.diag-image')).toHaveCount(Math.min(counts[mistaken], 48));
  const [, trueClass, predictedClass] = /^true (\w+), predicted (\w+)/.exec(labels[mistaken])!;
  await expect(gallery.locator('.diag-caption').first()).toContainText(`true: ${trueClass}`);
  await expect(gallery.locator('.diag-caption').first()).toContainText(`predicted: ${predictedClass}`);
  if (screenshot) await section.screenshot({ path: screenshot });
  await page.keyboard.press('Escape');
  await expect(gallery).toHaveCount(0);
  await expect(cells.nth(mistaken)).toBeFocused();

  // Sample predictions: images with each run's top-3.
  const predictions = section.getByTestId('diagnostics-predictions');
  await expect(predictions.locator('img.diag-image').first()).toBeVisible();
  for (const name of runNames) await expect(predictions).toContainText(name);
}
