// The test images the prediction grid shows: a seeded random choice, so every run is shown the same images and
// a re-render (a new sample while training) does not shuffle them; "Show other images" moves to the next seed.

/** mulberry32: a small, good-enough 32-bit PRNG; the same seed gives the same sequence, in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `k` distinct indices in [0, count) (all of them, shuffled, when count <= k), in the order drawn. */
export function chooseSample(count: number, k: number, seed: number): number[] {
  const n = Math.max(0, Math.floor(count));
  const take = Math.min(n, Math.max(0, Math.floor(k)));
  const random = seededRandom(seed);
  // A partial Fisher-Yates shuffle over a sparse map: O(k) memory even for 10,000 images.
  const swapped = new Map<number, number>();
  const at = (i: number) => swapped.get(i) ?? i;
  const chosen: number[] = [];
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (n - i));
    const picked = at(j);
    swapped.set(j, at(i));
    chosen.push(picked);
  }
  return chosen;
}
