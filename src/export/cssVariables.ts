// The chart draws with the theme's CSS custom properties (fill="var(--surface)", stroke="var(--grid)") so it
// follows the light and dark themes; an exported SVG or PNG has no stylesheet, so each var(...) is replaced by
// the value the page computes for it at export time. Pure: the lookup is passed in.

/** var(--name) or var(--name, fallback); the fallback may hold one level of parentheses (rgb(…), or another
 *  var(…), which the next round resolves). */
const VAR = /var\(\s*(--[A-Za-z0-9_-]+)\s*(?:,\s*((?:[^()]|\([^()]*\))*?))?\s*\)/g;

/** Replaces every var(--name[, fallback]) in `text` by lookup(--name), else the fallback, else `missing`. */
export function resolveCssVariables(text: string, lookup: (name: string) => string, missing = 'currentColor'): string {
  let resolved = text;
  // A fallback that is itself a var() is resolved in the next round; a handful of rounds covers any real use.
  for (let round = 0; round < 8 && resolved.includes('var('); round++) {
    resolved = resolved.replace(VAR, (_, name: string, fallback: string | undefined) => lookup(name).trim() || fallback?.trim() || missing);
  }
  return resolved;
}

const ATTRIBUTE = /="([^"]*)"/g;

/** resolveCssVariables inside the attribute values of serialised markup only (text content is left as written:
 *  a run named "var(--x)" keeps its name). Values are escaped for a double-quoted attribute. */
export function resolveCssVariablesInMarkup(markup: string, lookup: (name: string) => string, missing?: string): string {
  return markup.replace(ATTRIBUTE, (whole, value: string) =>
    value.includes('var(') ? `="${resolveCssVariables(value, lookup, missing).replace(/&(?!amp;|lt;|gt;|quot;|apos;|#)/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"` : whole,
  );
}
