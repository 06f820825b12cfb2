// Fuzz, in the real page: a small sample of the unit fuzz inputs (src/fuzz/), same generators and seed. Hostile
// links must open the page with a notice for what they got wrong; hostile JSON files must be refused or
// imported with a notice; no uncaught exception, no blank page, and the saved runs survive a reload.
import { expect, test, type Page } from '@playwright/test';
import { experimentFromQuery } from '../src/experiment/experimentUrl';
import { parseRunsJson } from '../src/export/runsJson';
import { DEFAULT_FUZZ_SEED, Fuzz } from '../src/fuzz/fuzzInputs';
import { caseSeed } from '../src/fuzz/fuzzSeed';
import { hostileExportText, validExportText } from '../src/fuzz/importCases';
import { hostileQuery } from '../src/fuzz/urlCases';
import { configFromQuery } from '../src/state/urlConfig';
import { openApp } from './helpers';

const URLS = 20;
const FILES = 10;
/** The preview server refuses request lines past 16 KB (431); longer links are the unit fuzz test's to cover.
 *  Measured as the browser sends it: an emoji is 12 characters once %-encoded. */
const MAX_QUERY_CHARS = 8_000;

/** Uncaught exceptions, whether the page reports them as pageerror or only in the console. */
function watchForCrashes(page: Page): string[] {
  const crashes: string[] = [];
  page.on('pageerror', (error) => crashes.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Uncaught|TypeError|RangeError|ReferenceError|SyntaxError|URIError/.test(message.text())) crashes.push(`console: ${message.text()}`);
  });
  return crashes;
}

async function expectPageAlive(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Residual learning playground' })).toBeVisible();
  await expect(page.locator('#root')).not.toBeEmpty();
  // The settings, not just the header (#depth is hidden while an experiment lists the networks instead), and no
  // section replaced by its error message (SectionBoundary).
  await expect(page.locator('#batchSize')).toHaveValue(/^\d+$/);
  await expect(page.locator('.section-failed')).toHaveCount(0);
}

/** The first `count` fuzz cases that fit in a link the preview server accepts. */
function hostileQueries(count: number): { index: number; query: string }[] {
  const queries: { index: number; query: string }[] = [];
  for (let index = 0; queries.length < count; index++) {
    const query = hostileQuery(new Fuzz(caseSeed(DEFAULT_FUZZ_SEED, index))).replace(/^\?/, '');
    if (new URL(`http://localhost/?${query}`).href.length <= MAX_QUERY_CHARS) queries.push({ index, query });
  }
  return queries;
}

test(`${URLS} hostile links open the page with a notice for each fault, and no uncaught exception`, async ({ page }) => {
  const crashes = watchForCrashes(page);
  for (const { index, query } of hostileQueries(URLS)) {
    const where = `seed ${DEFAULT_FUZZ_SEED} case ${index}: ?${query.slice(0, 120)}`;
    await openApp(page, query);
    await expectPageAlive(page);
    // What the page read is what the browser made of the link (WHATWG URL parsing, as Node's URL does); not
    // location.search now, which the page has already rewritten to its own settings.
    const search = new URL(`./?${query}`, page.url()).search;
    const problems = [...configFromQuery(search).problems, ...experimentFromQuery(search).problems];
    // One notice per message (the page shows a message repeated back to back once).
    const shown = problems.filter((problem, i) => i === 0 || problem !== problems[i - 1]);
    const linkNotices = page.locator('.notice-url');
    await expect(linkNotices, where).toHaveCount(shown.length);
    if (shown.length > 0) await expect(linkNotices.first(), where).toContainText('Link:');
    expect(crashes, where).toEqual([]);
  }
  await page.reload();
  await expectPageAlive(page);
  expect(crashes).toEqual([]);
});

/** `count` hostile files, about half of them with runs the import accepts, so both outcomes are seen. */
function hostileFiles(count: number): { name: string; text: string; accepted: number }[] {
  const files: { name: string; text: string; accepted: number }[] = [];
  let acceptedFiles = 0;
  for (let index = 0; files.length < count; index++) {
    const text = hostileExportText(new Fuzz(caseSeed(DEFAULT_FUZZ_SEED, index)));
    const name = `fuzz-${index}.json`;
    let accepted = 0;
    try {
      accepted = parseRunsJson(text, name).runs.length;
    } catch {
      // refused as a whole: a notice says why
    }
    if (accepted > 0 && acceptedFiles >= count / 2) continue;
    if (accepted > 0) acceptedFiles++;
    files.push({ name, text, accepted });
  }
  return files;
}

test(`${FILES} hostile JSON imports are refused or imported with a notice; the saved runs survive a reload`, async ({ page }) => {
  const crashes = watchForCrashes(page);
  await openApp(page);
  const rows = page.getByTestId('run-row');
  // A run saved before the hostile files arrive: none of them may take it away.
  const saved = validExportText(new Fuzz(1));
  await page.getByTestId('import-json').setInputFiles({ name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await expect(page.locator('.notice').filter({ hasText: '“saved.json”' })).toContainText('Imported');
  let expectedRows = parseRunsJson(saved, 'saved.json').runs.length;
  await expect(rows).toHaveCount(expectedRows);

  for (const { name, text, accepted } of hostileFiles(FILES)) {
    await page.getByTestId('import-json').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const notice = page.locator('.notice').filter({ hasText: `“${name}”` });
    await expect(notice, name).toBeVisible();
    if (accepted > 0) await expect(notice, name).toContainText(`Imported ${accepted} run`);
    else await expect(notice, name).not.toContainText('Imported');
    expectedRows += accepted;
    await expect(rows, name).toHaveCount(expectedRows);
    await expectPageAlive(page);
    expect(crashes, name).toEqual([]);
  }

  await page.reload();
  await expectPageAlive(page);
  // Every run, saved or imported, is back; none was skipped as unreadable.
  await expect(rows).toHaveCount(expectedRows);
  await expect(page.locator('.notice').filter({ hasText: 'could not be read' })).toHaveCount(0);
  expect(crashes).toEqual([]);
});
