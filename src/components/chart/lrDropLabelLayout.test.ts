import { describe, expect, it } from 'vitest';
import { LR_LABEL_WIDTH, lrLabelCentres } from './lrDropLabelLayout';

const closestPair = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.min(...sorted.slice(1).map((x, i) => x - sorted[i]));
};

describe('"lr ÷10" labels above the plot', () => {
  it('stay over their lines when they do not collide', () => {
    expect(lrLabelCentres([200, 300], 60, 760)).toEqual([200, 300]);
  });

  it('are pushed apart when drops of different runs are close (3,200 and 3,250 iterations)', () => {
    const centres = lrLabelCentres([400, 405, 600, 610], 60, 760);
    expect(closestPair(centres)).toBeGreaterThanOrEqual(LR_LABEL_WIDTH - 1e-9);
    // Each pair stays centred on its lines.
    expect((centres[0] + centres[1]) / 2).toBeCloseTo(402.5, 6);
  });

  it('stay inside the plot area, even for a drop at its very edge', () => {
    const centres = lrLabelCentres([60, 62, 758], 60, 760);
    expect(Math.min(...centres) - LR_LABEL_WIDTH / 2).toBeGreaterThanOrEqual(60);
    expect(Math.max(...centres) + LR_LABEL_WIDTH / 2).toBeLessThanOrEqual(760);
    expect(closestPair(centres)).toBeGreaterThanOrEqual(LR_LABEL_WIDTH - 1e-9);
  });
});
