import { describe, expect, it } from 'vitest';
import { svgSize } from './chartImage';
import { escapeXml, legendCaptionSvg, wrapText, type LegendEntry } from './chartLegendSvg';

const layout = { width: 800, top: 380, fontSize: 12 };
const entry = (name: string, extra: Partial<LegendEntry> = {}): LegendEntry => ({ name, colour: '#1f77b4', dashed: false, ...extra });

/** The text content of every <text> element, unescaped. */
const texts = (markup: string) =>
  [...markup.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'),
  );

describe('legend and caption as SVG', () => {
  it('escapes <, &, and quotes in names and captions, so the SVG stays well formed', () => {
    const name = `plain-56 <b>&</b> "deep" 'x'`;
    const { markup } = legendCaptionSvg([entry(name, { colour: '"><script>' })], ['a < b & c'], layout);
    expect(markup).not.toMatch(/<b>|<script>|&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect(markup).toContain('plain-56 &lt;b&gt;&amp;&lt;/b&gt; &quot;deep&quot; &apos;x&apos;');
    expect(texts(markup)).toEqual([name, 'a < b & c']);
    expect(escapeXml(`<&"'>`)).toBe('&lt;&amp;&quot;&apos;&gt;');
  });

  it('draws dashed training lines, solid test lines and markers as the chart does', () => {
    const { markup } = legendCaptionSvg([entry('train', { dashed: true }), entry('test', { marker: 'circle' }), entry('ref', { marker: 'triangle' })], [], layout);
    expect(markup.match(/stroke-dasharray/g)).toHaveLength(1);
    expect(markup).toContain('<circle');
    expect(markup).toContain('<polygon');
  });

  it('grows with the entries and caption lines, starting below the plot', () => {
    const height = (entries: number, captions: string[] = []) =>
      legendCaptionSvg(Array.from({ length: entries }, (_, i) => entry(`ResNet-${i} (option A) test`)), captions, layout).height;
    expect(legendCaptionSvg([], [], layout)).toEqual({ markup: '', height: 0 });
    expect(height(1)).toBeGreaterThan(0);
    expect(height(40)).toBeGreaterThan(height(4));
    expect(height(4, ['one line'])).toBeGreaterThan(height(4));
    expect(height(4, ['one', 'two'])).toBeGreaterThan(height(4, ['one']));
    const ys = [...legendCaptionSvg([entry('a')], ['b'], layout).markup.matchAll(/ y="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...ys)).toBeGreaterThan(layout.top);
  });

  it('wraps a caption longer than the picture is wide, and shortens a very long name', () => {
    const long = 'Faint lines: PyTorch reference, measured outside this app with the same recipe. '.repeat(6);
    const { markup } = legendCaptionSvg([entry('x'.repeat(500))], [long], { ...layout, width: 400 });
    const lines = texts(markup);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines[0].endsWith('…')).toBe(true);
    expect(lines.slice(1).join(' ')).toBe(long.trim());
    expect(wrapText('aaaa bb cc', 5)).toEqual(['aaaa', 'bb cc']);
    expect(wrapText('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
  });

  it('reads back the size written on the root <svg>', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" class="recharts-surface" width="812" height="455.5" viewBox="0 0 812 455.5"><rect width="5" height="5"/></svg>')).toEqual({ width: 812, height: 455.5 });
    expect(svgSize('<svg><rect width="5" height="5"/></svg>')).toBeNull();
  });
});
