import { describe, expect, it } from 'vitest';
import { imagesInCell, type Predictions } from '../../diagnostics/diagnostics';
import { cellLabel, cellTint, labelMismatches, MAX_TINT, pages, predictionCaption, rowFraction, rowTotals } from './confusion';
import { fakeDiagnostics } from './testing/fakeDiagnostics';

describe('the confusion matrix', () => {
  const confusion = new Array<number>(100).fill(0);
  confusion[3 * 10 + 3] = 60; // cat as cat
  confusion[3 * 10 + 5] = 30; // cat as dog
  confusion[3 * 10 + 2] = 10; // cat as bird

  it('normalises by row', () => {
    const totals = rowTotals(confusion);
    expect(totals[3]).toBe(100);
    expect(totals[0]).toBe(0);
    expect(rowFraction(confusion, totals, 3, 5)).toBeCloseTo(0.3, 12);
    expect(rowFraction(confusion, totals, 0, 0)).toBe(0);
  });

  it('tints a mistake harder than a right answer of the same fraction, never past MAX_TINT', () => {
    expect(cellTint(0, true)).toBe(0);
    expect(cellTint(1, true)).toBe(MAX_TINT);
    expect(cellTint(0.3, false)).toBe(MAX_TINT);
    expect(cellTint(0.15, false)).toBe(MAX_TINT / 2);
    expect(cellTint(0.9, false)).toBe(MAX_TINT);
    expect(cellTint(0.2, false)).toBeGreaterThan(cellTint(0.2, true));
    expect(cellTint(NaN, false)).toBe(0);
  });

  it('names a cell for screen readers', () => {
    expect(cellLabel(3, 5, 112)).toBe('true cat, predicted dog: 112 images');
    expect(cellLabel(0, 0, 1)).toBe('true airplane, predicted airplane: 1 image');
  });
});

describe('the gallery', () => {
  const predictions: Predictions = {
    iteration: 500,
    evaluatedOn: 'test',
    labels: Uint8Array.from([3, 3]),
    top3Classes: Uint8Array.from([5, 2, 3, 3, 5, 2]),
    top3Percent: Uint8Array.from([62, 20, 10, 90, 5, 1]),
  };

  it('captions an image with its true class, the prediction and the runner-up', () => {
    expect(predictionCaption(predictions, 0)).toBe('true: cat · predicted: dog 62% · 2nd: bird 20%');
    expect(predictionCaption(predictions, 1)).toBe('true: cat · predicted: cat 90% ✔ · 2nd: dog 5%');
  });

  it('counts images whose label in the loaded dataset differs from the recorded one', () => {
    expect(labelMismatches(predictions.labels, [0, 1], [3, 3])).toBe(0);
    expect(labelMismatches(predictions.labels, [1, 0], [3, 4])).toBe(1);
  });

  it('pages the indices', () => {
    expect(pages([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages([], 48)).toEqual([]);
  });

  it('the fixture’s predictions agree with its newest confusion matrix', () => {
    const diagnostics = fakeDiagnostics({ depth: 20, blockType: 'residual' });
    const newest = diagnostics.evaluations[diagnostics.evaluations.length - 1];
    for (const [t, p] of [
      [3, 3],
      [3, 5],
      [1, 9],
    ]) {
      expect(imagesInCell(diagnostics.predictions!, t, p).length).toBe(newest.confusion[t * 10 + p]);
    }
  });
});
