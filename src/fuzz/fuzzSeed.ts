// The seed of a fuzz run: DEFAULT_FUZZ_SEED, or FUZZ_SEED from the environment to explore other inputs
// (FUZZ_SEED=7 npx vitest run src/fuzz). Every failure report names the seed and the case.
import { nodeProcess } from '../data/testing/nodeApis';
import { DEFAULT_FUZZ_SEED } from './fuzzInputs';

export async function fuzzSeed(): Promise<number> {
  const given = (await nodeProcess()).env.FUZZ_SEED;
  const seed = given === undefined || given === '' ? DEFAULT_FUZZ_SEED : Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED=${given} is not a whole number.`);
  return seed;
}

/** Reproduces one case: the family's seed and the case's index. */
export function caseSeed(seed: number, index: number): number {
  return (seed + Math.imul(index, 0x9e3779b9)) >>> 0;
}
