import { describe, expect, it } from 'vitest';
import { table6Result } from '../../reference/paperTable6';
import { table6Display, table6KeyText } from './table6Display';

const r20 = table6Result(20)!;
const r56 = table6Result(56)!;

describe("where Table 6's numbers go", () => {
  it('stars only when the axis reaches 64k iterations and its end is in view', () => {
    expect(table6Display([r20, r56], 64_000, true)).toEqual({ stars: [r20, r56], listed: [], reason: null });
    expect(table6Display([r20], 5_850, true)).toEqual({ stars: [], listed: [r20], reason: 'short' });
    expect(table6Display([r20], 64_000, false)).toEqual({ stars: [], listed: [r20], reason: 'zoomed' });
  });

  it('gives the end of an axis in epochs in epochs (issue 20, finding 8)', () => {
    expect(table6KeyText(table6Display([r20], 5_850, true), 15, [20], 'epoch')).toBe('Paper, Table 6 (after 64k iterations; this axis ends at 15 epochs): ResNet-20 8.75%');
  });

  it('says in one line what the listed numbers are, with the values of paperTable6.ts', () => {
    expect(table6KeyText(table6Display([r20, r56], 8, true), 8, [20, 56])).toBe(
      'Paper, Table 6 (after 64k iterations; this axis ends at 8 iterations): ResNet-20 8.75%, ResNet-56 6.97%',
    );
    expect(table6KeyText(table6Display([], 8, true), 8, [8, 8])).toBe('Paper, Table 6 (64k iterations): no entry for depth 8 (it has ResNet-20, 32, 44, 56, 110, 1202)');
  });
});
