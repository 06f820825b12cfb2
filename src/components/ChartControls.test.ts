import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChartControls, DEFAULT_CHART_VIEW } from './ChartControls';

const render = (view = DEFAULT_CHART_VIEW) => renderToStaticMarkup(createElement(ChartControls, { view, onChange: () => {} }));

/** aria-pressed and the text of each toggle button, in order. */
const toggles = (html: string) => [...html.matchAll(/<button[^>]*aria-pressed="(true|false)"[^>]*>(.*?)<\/button>/g)].map((m) => [m[1], m[2].replace(/<[^>]+>/g, '')]);

describe('the chart controls', () => {
  it('say which option is chosen with aria-pressed and a ✓, not by colour alone', () => {
    expect(toggles(render())).toEqual([
      ['true', '✓ error'],
      ['false', 'loss'],
      ['true', '✓ iterations'],
      ['false', 'epochs'],
      ['true', '✓ linear'],
      ['false', 'log'],
    ]);
    const other = toggles(render({ ...DEFAULT_CHART_VIEW, metric: 'loss', unit: 'epoch', logScale: true }));
    expect(other.filter(([pressed]) => pressed === 'true').map(([, text]) => text)).toEqual(['✓ loss', '✓ epochs', '✓ log']);
  });

  it('offers the lr strip and keeps the controls e2e tests use', () => {
    const html = render();
    expect(html).toContain('data-testid="lr-strip-toggle"');
    expect(html).toContain('data-testid="reference-select"');
    expect(html).toContain('data-testid="smoothing"');
    expect(html).toContain('data-testid="table6-toggle"');
  });
});
