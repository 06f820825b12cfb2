// "Did you mean ...?" for an unknown URL key. Without it, trainSubset=320 was ignored with no hint that the key
// is train=, and the run quietly trained on all 50,000 images.

/** Edit distance with adjacent swaps counted as one edit (optimal string alignment): "depht" is one slip
 *  from "depth", not two. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}

/** Edits a spelling may be off by and still be suggested: none for two letters (lr, wd: "id" is not a typo of
 *  wd), one up to five letters, two beyond. Any looser and unrelated keys (junk0 -> runs) get suggestions. */
function allowedEdits(spelling: string): number {
  return Math.min(2, Math.floor(spelling.length / 3));
}

/**
 * The key to suggest for `unknown`, or null when none is close enough to help. `spellings` pairs each way of
 * writing a setting (the key itself, the config field it stands for: trainSubset) with the key to use;
 * case is ignored, and the first of equally close spellings wins.
 */
export function closestKey(unknown: string, spellings: readonly (readonly [spelling: string, key: string])[]): string | null {
  const written = unknown.trim().toLowerCase();
  let best: { key: string; edits: number } | null = null;
  for (const [spelling, key] of spellings) {
    const target = spelling.toLowerCase();
    const allowed = allowedEdits(target);
    // The length gap is a lower bound on the distance: a kilobytes-long key costs nothing here.
    if (Math.abs(target.length - written.length) > allowed) continue;
    const edits = editDistance(written, target);
    if (edits <= allowed && (best === null || edits < best.edits)) best = { key, edits };
  }
  return best?.key ?? null;
}
