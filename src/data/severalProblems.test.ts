import { describe, expect, it } from 'vitest';
import { DataFormatError } from './cifarFormat';
import { MOST_NAMED, severalProblems } from './severalProblems';

const bad = (index: number) => new DataFormatError(`broken_${index}.bin`, `is empty (0 bytes)`);

describe('severalProblems', () => {
  it('returns a single error as it is', () => {
    const one = bad(1);
    expect(severalProblems([one])).toBe(one);
  });

  it('names each file on a line of its own and says what to do once', () => {
    const message = severalProblems([bad(1), bad(2)]).message;
    expect(message.split('\n')).toEqual(['2 files cannot be used as CIFAR-10:', '• broken_1.bin is empty (0 bytes);', expect.stringMatching(/^• broken_2\.bin is empty \(0 bytes\)\. Download [^\n]+$/)]);
  });

  it(`names at most ${MOST_NAMED} files and counts the rest`, () => {
    const lines = severalProblems(Array.from({ length: 30 }, (_, i) => bad(i))).message.split('\n');
    expect(lines).toHaveLength(MOST_NAMED + 2);
    expect(lines[0]).toBe('30 files cannot be used as CIFAR-10:');
    expect(lines[MOST_NAMED + 1]).toMatch(/^• and 22 more files that cannot be used either\. Download/);
  });
});
