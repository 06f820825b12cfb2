// The confusion matrix is one tab stop (issue 20, finding 7: its 100 cell buttons were 100 Tab presses).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './ConfusionMatrix';

const confusion = Array.from({ length: 100 }, (_, i) => (i % 11 === 0 ? 8 : i % 3));

const render = () =>
  renderToStaticMarkup(
    createElement(ConfusionMatrix, {
      runName: 'ResNet-8',
      iteration: 40,
      confusion,
      openCell: null,
      galleryId: 'gallery',
      hintId: 'hint',
      onPress: () => {},
      cellButtons: { current: new Map<string, HTMLButtonElement>() },
    }),
  );

/** What Tab reaches inside the markup: buttons not taken out of the tab order, and anything with tabindex ≥ 0. */
function tabStops(html: string): string[] {
  const buttons = [...html.matchAll(/<button[^>]*>/g)].map((m) => m[0]).filter((tag) => !/tabindex="-1"/.test(tag));
  const others = [...html.matchAll(/<(?!button)[a-z]+[^>]*tabindex="(\d+)"[^>]*>/g)].map((m) => m[0]);
  return [...buttons, ...others];
}

describe('the confusion matrix', () => {
  it('is one tab stop: the first cell; the other 99 cells are reached with the arrow keys', () => {
    const html = render();
    expect([...html.matchAll(/<button/g)]).toHaveLength(100);
    const stops = tabStops(html);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toContain('aria-label="true airplane, predicted airplane: 8 images"');
  });

  it('is a grid that names its keyboard hint', () => {
    const html = render();
    expect(html).toMatch(/<table[^>]*role="grid"[^>]*aria-describedby="hint"/);
  });
});
