// The chart's legend and caption drawn in SVG. Recharts draws its legend as HTML next to the <svg>, so an
// exported picture without this would show unlabelled lines. Pure (strings in, string out): no DOM needed.
// Colours are the theme's custom properties (with the light theme's values as fallbacks); chartImage.ts writes
// them out with the page's values when it exports.

export interface LegendEntry {
  name: string;
  colour: string;
  dashed: boolean;
  marker?: 'circle' | 'square' | 'triangle';
}

export interface LegendLayout {
  /** Width of the picture; the block spans it. */
  width: number;
  /** Where the block starts (the plot's bottom edge). */
  top: number;
  fontSize: number;
}

export interface LegendSvg {
  /** A <g> to append inside the <svg>, or '' when there is nothing to draw. */
  markup: string;
  /** How much taller the picture must become. */
  height: number;
}

const PADDING = 12;
const SAMPLE = 28;
const GAP = 6;
const COLUMN_GAP = 18;
/** No text measuring outside a page: an average glyph is taken as this many font sizes wide (generous, so
 *  columns do not overlap; a long caption line wraps a bit early rather than running off the edge). */
const CHAR_WIDTH = 0.6;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function marker(kind: LegendEntry['marker'], x: number, y: number, colour: string): string {
  if (kind === 'circle') return `<circle cx="${x}" cy="${y}" r="3" fill="${colour}"/>`;
  // Hollow, as on the chart: plain nets' markers are hollow squares (runStyle.ts).
  if (kind === 'square') return `<rect x="${x - 3}" y="${y - 3}" width="6" height="6" fill="var(--surface, #ffffff)" stroke="${colour}" stroke-width="1.5"/>`;
  if (kind === 'triangle') return `<polygon points="${x},${y - 4} ${x + 4},${y + 3} ${x - 4},${y + 3}" fill="${colour}"/>`;
  return '';
}

/** Words into lines of at most `max` characters; a word longer than a line is cut. */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest.length > 0; ) {
      const candidate = line ? `${line} ${rest}` : rest;
      if (candidate.length <= max) {
        line = candidate;
        rest = '';
      } else if (line) {
        lines.push(line);
        line = '';
      } else {
        lines.push(rest.slice(0, max));
        rest = rest.slice(max);
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export function legendCaptionSvg(legend: readonly LegendEntry[], caption: readonly string[], layout: LegendLayout): LegendSvg {
  const { width, top, fontSize } = layout;
  const lineHeight = Math.round(fontSize * 1.5);
  const inner = Math.max(1, width - 2 * PADDING);
  const charWidth = fontSize * CHAR_WIDTH;
  const parts: string[] = [];
  let y = top + PADDING;

  if (legend.length > 0) {
    // Equal columns as wide as the longest name (capped at the picture's width), filled row by row.
    const longest = Math.max(...legend.map((entry) => entry.name.length));
    const textRoom = Math.max(4, Math.floor((inner - SAMPLE - GAP) / charWidth));
    const columnWidth = Math.min(inner, SAMPLE + GAP + Math.min(longest, textRoom) * charWidth + COLUMN_GAP);
    const columns = Math.max(1, Math.floor((inner + COLUMN_GAP) / columnWidth));
    legend.forEach((entry, index) => {
      const x = PADDING + (index % columns) * columnWidth;
      const rowY = y + Math.floor(index / columns) * lineHeight + lineHeight / 2;
      const colour = escapeXml(entry.colour);
      const dash = entry.dashed ? ' stroke-dasharray="6 4"' : '';
      parts.push(
        `<g><line x1="${x}" y1="${rowY}" x2="${x + SAMPLE}" y2="${rowY}" stroke="${colour}" stroke-width="2"${dash}/>` +
          marker(entry.marker, x + SAMPLE / 2, rowY, colour) +
          `<text x="${x + SAMPLE + GAP}" y="${rowY}" dominant-baseline="central" fill="var(--text, #222222)">${escapeXml(truncate(entry.name, textRoom))}</text></g>`,
      );
    });
    y += Math.ceil(legend.length / columns) * lineHeight;
  }

  const captionSize = Math.max(8, fontSize - 1);
  const captionLineHeight = Math.round(captionSize * 1.4);
  const captionLines = caption.flatMap((line) => wrapText(line, Math.max(10, Math.floor(inner / (captionSize * CHAR_WIDTH)))));
  if (captionLines.length > 0) {
    if (legend.length > 0) y += GAP;
    captionLines.forEach((line) => {
      parts.push(`<text x="${PADDING}" y="${y + captionLineHeight / 2}" dominant-baseline="central" font-size="${captionSize}" fill="var(--text-muted, #555555)">${escapeXml(line)}</text>`);
      y += captionLineHeight;
    });
  }

  if (parts.length === 0) return { markup: '', height: 0 };
  const height = Math.ceil(y + PADDING - top);
  return { markup: `<g class="export-legend">${parts.join('')}</g>`, height };
}
