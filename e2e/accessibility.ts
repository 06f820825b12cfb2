import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe-core's serious and critical violations on the page as it is now, one line each (rule, node count,
 *  first target), so a failure names what to fix. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.target.join(' ')} — ${violation.help}`);
}

/** Counts of every violation by impact, printed for the closing note's figures. */
export async function violationCounts(page: Page): Promise<Record<string, number>> {
  const results = await new AxeBuilder({ page }).analyze();
  const counts: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  results.violations.forEach((violation) => (counts[violation.impact ?? 'minor'] += violation.nodes.length));
  return counts;
}

/** Switches the theme with the page's own toggle and checks it took. */
export async function chooseTheme(page: Page, theme: 'Light' | 'Dark'): Promise<void> {
  await page.getByRole('group', { name: 'Colour theme' }).getByRole('button', { name: theme }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
}

/** axe in light and dark: no serious or critical violation in either; the counts are printed. */
export async function expectAccessibleInBothThemes(page: Page, where: string): Promise<void> {
  for (const theme of ['Light', 'Dark'] as const) {
    await chooseTheme(page, theme);
    console.log(`axe ${where}, ${theme.toLowerCase()}: ${JSON.stringify(await violationCounts(page))}`);
    expect(await seriousViolations(page), `${where}, ${theme.toLowerCase()} theme`).toEqual([]);
  }
}
