import { describe, expect, it } from 'vitest';
import type { TrainingSample } from '../../diagnostics/diagnostics';
import { figure7Reading, median, nearestSample, sortedDescending, type Figure7Run } from './figure7';

const sample = (iteration: number): TrainingSample => ({ iteration, gradientNorms: [], responseStds: [iteration] });

describe('Fig. 7 from the samples', () => {
  it('sorts by magnitude, largest first, without changing the values given', () => {
    const values = Object.freeze([0.5, 1.5, NaN, 0.9, 2.1]);
    expect(sortedDescending(values)).toEqual([2.1, 1.5, 0.9, 0.5]);
    expect(values).toEqual([0.5, 1.5, NaN, 0.9, 2.1]);
  });

  it('takes the median of the finite values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([NaN])).toBeNull();
    expect(median([])).toBeNull();
  });

  it('finds the sample nearest an iteration; the newest by default', () => {
    const samples = [sample(100), sample(200), sample(400)];
    expect(nearestSample(samples, null)?.iteration).toBe(400);
    expect(nearestSample(samples, 0)?.iteration).toBe(100);
    expect(nearestSample(samples, 140)?.iteration).toBe(100);
    expect(nearestSample(samples, 150)?.iteration).toBe(200); // a tie goes to the later sample
    expect(nearestSample(samples, 290)?.iteration).toBe(200);
    expect(nearestSample(samples, 310)?.iteration).toBe(400);
    expect(nearestSample(samples, 9999)?.iteration).toBe(400);
    expect(nearestSample([], 5)).toBeUndefined();
  });
});

describe('what the shown runs say about Fig. 7', () => {
  const run = (name: string, depth: number, blockType: 'plain' | 'residual', stds: number[], iteration = 1000): Figure7Run => ({ name, depth, blockType, stds, iteration });

  it('says a residual net responds less than the plain net of its depth, with both medians', () => {
    const lines = figure7Reading([run('plain-20', 20, 'plain', [0.9, 0.92, 1.4]), run('ResNet-20', 20, 'residual', [0.5, 0.61, 0.7])]);
    expect(lines).toEqual(['Here: ResNet-20’s median response 0.61 vs plain-20’s 0.92 — smaller, as in the paper.']);
  });

  it('says so when the data do not (yet) agree, or are about the same', () => {
    const larger = figure7Reading([run('plain-20', 20, 'plain', [0.5]), run('ResNet-20', 20, 'residual', [0.9])]);
    expect(larger[0]).toContain('larger: not (yet) as in the paper');
    const same = figure7Reading([run('plain-20', 20, 'plain', [1.0]), run('ResNet-20', 20, 'residual', [1.02])]);
    expect(same[0]).toContain('about the same');
    expect(same[0]).not.toContain('as in the paper.');
  });

  it('compares plain and residual only within one depth', () => {
    expect(figure7Reading([run('plain-56', 56, 'plain', [2]), run('ResNet-20', 20, 'residual', [0.5])])).toEqual([]);
    expect(figure7Reading([run('plain-20', 20, 'plain', [2])])).toEqual([]);
    expect(figure7Reading([])).toEqual([]);
  });

  it('compares a deeper ResNet with a shallower one', () => {
    const lines = figure7Reading([
      run('ResNet-56', 56, 'residual', [0.4]),
      run('plain-56', 56, 'plain', [1.3]),
      run('ResNet-20', 20, 'residual', [0.6]),
    ]);
    expect(lines).toEqual([
      'Here: ResNet-56’s median response 0.4 vs plain-56’s 1.3 — smaller, as in the paper.',
      'Deeper: ResNet-56’s median 0.4 vs ResNet-20’s 0.6 — smaller, as in the paper.',
    ]);
  });

  it('says when the runs were compared at different iterations', () => {
    const [line] = figure7Reading([run('plain-20', 20, 'plain', [1], 3900), run('ResNet-20', 20, 'residual', [0.5], 1200)]);
    expect(line).toContain('at iterations 1,200 and 3,900');
  });

  it('skips runs without a finite value', () => {
    expect(figure7Reading([run('plain-20', 20, 'plain', [NaN]), run('ResNet-20', 20, 'residual', [0.5])])).toEqual([]);
  });
});
