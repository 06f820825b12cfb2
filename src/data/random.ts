// Seeded randomness for shuffling and augmentation, so a run is reproducible from its config's seed and can
// resume from a checkpoint: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state, passes
// PractRand) seeded through splitmix32. Math.random() can be neither seeded nor saved.

/** What the data code draws from; Random implements it, and tests can substitute a fixed stub. */
export interface RandomSource {
  /** Uniform in [0, 1), with 32 random bits. */
  next(): number;
  /** Uniform integer in [0, maxExclusive), exactly (no modulo bias). */
  int(maxExclusive: number): number;
}

const TWO_POW_32 = 2 ** 32;

/** splitmix32: spreads a 32-bit seed over independent-looking words (so seeds 0, 1, 2 give unrelated streams). */
function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state ^ (state >>> 16);
    z = Math.imul(z, 0x21f0aaad);
    z ^= z >>> 15;
    z = Math.imul(z, 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

export class Random implements RandomSource {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /** Any number; it is reduced to 32 bits (seed and seed + 2^32 are the same stream). */
  constructor(seed: number) {
    const words = splitmix32(seed);
    this.a = words();
    this.b = words();
    this.c = words();
    this.d = words();
    for (let i = 0; i < 12; i++) this.nextUint32(); // the author's recommended warm-up
  }

  /** A uint32. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  int(maxExclusive: number): number {
    if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_POW_32) {
      throw new RangeError(`Random.int: maxExclusive must be an integer in 1..2^32, got ${maxExclusive}`);
    }
    // Rejection sampling: draws at or above the last whole multiple of maxExclusive would bias low values.
    const limit = TWO_POW_32 - (TWO_POW_32 % maxExclusive);
    for (;;) {
      const draw = this.nextUint32();
      if (draw < limit) return draw % maxExclusive;
    }
  }

  /** Four uint32 words; JSON-safe. Random.fromState(r.getState()) continues exactly where r is. */
  getState(): number[] {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }

  static fromState(state: readonly number[]): Random {
    if (state.length !== 4 || !state.every((word) => Number.isInteger(word) && word >= 0 && word < TWO_POW_32)) {
      throw new RangeError(`Random.fromState: expected 4 uint32 words, got ${JSON.stringify(state)}`);
    }
    const random = new Random(0);
    [random.a, random.b, random.c, random.d] = state.map((word) => word | 0);
    return random;
  }
}

/** Fisher-Yates (Durstenfeld) shuffle: every permutation equally likely; draws rng.int(i + 1) for i = n-1..1. */
export function shuffleInPlace<T extends Int32Array | number[]>(array: T, rng: RandomSource): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const swap = array[i];
    array[i] = array[j];
    array[j] = swap;
  }
  return array;
}
