import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BlockDiagram } from './BlockDiagram';

/** The diagram's narrowest usual width: the first-visit grid's 300 px column (styles.css, `.first-visit`) on wide
 *  screens; on a phone it takes the full width (about 330 px at 390 px), capped by max-height 180px. */
const NARROWEST_PX = 300;

describe('the block diagram', () => {
  it('renders every label at 12 px or more at its 300 px column width', () => {
    const svg = renderToStaticMarkup(createElement(BlockDiagram));
    const viewBox = /viewBox="([^"]+)"/.exec(svg)![1].split(/\s+/).map(Number);
    const [, , width, height] = viewBox;
    const scale = Math.min(NARROWEST_PX / width, 180 / height);
    const groupSize = Number(/<g font-size="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
    const texts = [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)];
    expect(texts.length).toBeGreaterThan(10);
    for (const [, attributes, label] of texts) {
      const own = /font-size="(\d+(?:\.\d+)?)"/.exec(attributes);
      const rendered = (own ? Number(own[1]) : groupSize) * scale;
      expect(rendered, `“${label}” renders at ${rendered.toFixed(1)} px`).toBeGreaterThanOrEqual(12);
    }
  });
});
