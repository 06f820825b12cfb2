// The seeds field of "Run elsewhere…": the script trains every network once per seed (Table 6 reports the
// mean ± std of 5 runs), so the user lists them, one by one ("0 1 2 3 4", "0, 7, 42") or as ranges ("0-4").

/** Each seed trains every network once more: 20 is already hours of GPU time per network at the paper's length. */
export const MAX_SEEDS = 20;
/** The app's seeds are unsigned 32-bit integers (configValidation.ts). */
export const MAX_SEED = 0xffffffff;

export type ParsedSeeds = { seeds: number[] } | { error: string };

const EXAMPLE = 'e.g. “0 1 2 3 4” or “0-4”';

/** Distinct seeds in the order first written, or what is wrong with the text, in words. */
export function parseSeeds(text: string): ParsedSeeds {
  // "0 - 4" and "0–4" (an en dash, as typography would have it) are ranges too.
  const tokens = text
    .replace(/\s*[-–]\s*/g, '-')
    .split(/[\s,;]+/)
    .filter((token) => token !== '');
  if (tokens.length === 0) return { error: `Give at least one seed, ${EXAMPLE}.` };
  const seeds = new Set<number>();
  for (const token of tokens) {
    const range = /^(\d+)-(\d+)$/.exec(token);
    const single = /^\d+$/.test(token);
    if (!range && !single) return { error: `“${token.slice(0, 20)}” is not a seed: use whole numbers from 0 to ${MAX_SEED}, ${EXAMPLE}.` };
    const [from, to] = range ? [Number(range[1]), Number(range[2])] : [Number(token), Number(token)];
    if (to > MAX_SEED || from > MAX_SEED) return { error: `Seeds go from 0 to ${MAX_SEED}; “${token.slice(0, 30)}” does not.` };
    if (from > to) return { error: `“${token}”: a range goes from the smaller seed to the larger, e.g. “${to}-${from}”.` };
    // Counted before it is spelled out: "0-4294967295" must not build a list of four billion numbers.
    if (to - from + 1 > MAX_SEEDS) return tooMany(`“${token}” is ${(to - from + 1).toLocaleString('en-US')}`);
    for (let seed = from; seed <= to; seed++) seeds.add(seed);
    if (seeds.size > MAX_SEEDS) return tooMany('more are listed');
  }
  return { seeds: [...seeds] };
}

function tooMany(what: string): ParsedSeeds {
  return { error: `At most ${MAX_SEEDS} different seeds (each one trains every network once more); ${what}.` };
}
