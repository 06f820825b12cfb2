import { describe, expect, it } from 'vitest';
import { MAX_SEEDS, parseSeeds } from './seeds';

describe('parseSeeds', () => {
  it('reads lists and ranges, in the order written, each seed once', () => {
    expect(parseSeeds('0 1 2 3 4')).toEqual({ seeds: [0, 1, 2, 3, 4] });
    expect(parseSeeds('0-4')).toEqual({ seeds: [0, 1, 2, 3, 4] });
    expect(parseSeeds(' 7, 42;3 - 5 0–1 ')).toEqual({ seeds: [7, 42, 3, 4, 5, 0, 1] });
    expect(parseSeeds('1 1 0-2')).toEqual({ seeds: [1, 0, 2] });
    expect(parseSeeds('4294967295')).toEqual({ seeds: [4294967295] });
  });

  it('says what is wrong with anything else', () => {
    expect(parseSeeds('  ')).toEqual({ error: expect.stringMatching(/at least one seed/) });
    expect(parseSeeds('1 x')).toEqual({ error: expect.stringMatching(/“x” is not a seed/) });
    expect(parseSeeds('-3')).toEqual({ error: expect.stringMatching(/not a seed/) });
    expect(parseSeeds('1.5')).toEqual({ error: expect.stringMatching(/“1.5” is not a seed/) });
    expect(parseSeeds('4294967296')).toEqual({ error: expect.stringMatching(/from 0 to 4294967295/) });
    expect(parseSeeds('4-0')).toEqual({ error: expect.stringMatching(/smaller seed to the larger, e.g. “0-4”/) });
  });

  it(`allows at most ${MAX_SEEDS} different seeds, without spelling out a huge range`, () => {
    expect(parseSeeds('0-19')).toEqual({ seeds: Array.from({ length: 20 }, (_, i) => i) });
    expect(parseSeeds('0-19 0 5')).toEqual({ seeds: Array.from({ length: 20 }, (_, i) => i) });
    expect(parseSeeds('0-20')).toEqual({ error: expect.stringMatching(/At most 20 different seeds.*“0-20” is 21/) });
    expect(parseSeeds('0-4294967295')).toEqual({ error: expect.stringMatching(/is 4,294,967,296/) });
    expect(parseSeeds('0-15 100-110')).toEqual({ error: expect.stringMatching(/At most 20 different seeds.*; more are listed/) });
  });
});
