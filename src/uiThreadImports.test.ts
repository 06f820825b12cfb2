// The UI thread must not load tfjs: tfjs reads the page's URL for its own flags as it loads (`?tfjsflags=...`,
// and a malformed %-escape anywhere in the query makes its decodeURIComponent throw), which blanked the page.
// tfjs belongs in the worker. This walks the static imports from src/main.tsx and fails on any tfjs import.
import { describe, expect, it } from 'vitest';
import { nodeFs, type NodeFs } from './data/testing/nodeApis';

const SRC = new URL('.', import.meta.url).href;

/** Static and dynamic imports that load code (`import type` and `export type` load nothing). */
function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const statement = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(statement)) if (!match[2]) specifiers.push(match[3]);
  for (const match of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(match[1]);
  return specifiers;
}

/** Modules are file: URLs, so that relative specifiers resolve with new URL(). */
function resolveModule(fs: NodeFs, from: string, specifier: string): string | null {
  const base = new URL(specifier, from).href;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    if (/\.tsx?$/.test(candidate) && fs.existsSync(decodeURIComponent(new URL(candidate).pathname))) return candidate;
  }
  return null; // CSS and other assets
}

/** Every module the UI thread loads, with the chain of imports that reached it. */
function uiThreadModules(fs: NodeFs, entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>([[entry, [entry]]]);
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    const source = new TextDecoder().decode(fs.readFileSync(decodeURIComponent(new URL(file).pathname)));
    for (const specifier of importsOf(source)) {
      if (!specifier.startsWith('.')) {
        reached.set(`${file} -> ${specifier}`, [...reached.get(file)!, specifier]);
        continue;
      }
      const target = resolveModule(fs, file, specifier);
      if (target && !reached.has(target)) {
        reached.set(target, [...reached.get(file)!, target]);
        pending.push(target);
      }
    }
  }
  return reached;
}

describe('the UI thread', () => {
  it('reads the import statements it needs to follow', () => {
    expect(importsOf("import type { A } from './a';\nimport { b } from './b';\nexport { c } from './c';\nconst d = import('./d');")).toEqual(['./b', './c', './d']);
  });

  it('loads no tfjs (it runs in the worker)', async () => {
    const modules = uiThreadModules(await nodeFs(), new URL('main.tsx', SRC).href);
    expect(modules.size).toBeGreaterThan(20); // the walk really followed the app
    const tfjs = [...modules.entries()].filter(([key]) => /-> @tensorflow\//.test(key)).map(([, chain]) => chain.map((p) => p.replace(SRC, '')).join(' -> '));
    expect(tfjs).toEqual([]);
  });
});
