// The chart as a stand-alone SVG or PNG file, and the download of any blob. Browser-only (DOM, canvas).
import { legendCaptionSvg, type LegendEntry } from './chartLegendSvg';
import { resolveCssVariables, resolveCssVariablesInMarkup } from './cssVariables';

export type { LegendEntry } from './chartLegendSvg';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** The drawn size: recharts sets the viewBox to the pixel size; the box on screen is the fallback. */
function drawnSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox?.baseVal;
  if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
  const rect = svg.getBoundingClientRect();
  return { width: Math.round(rect.width) || 800, height: Math.round(rect.height) || 400 };
}

/**
 * A copy of the chart's <svg> that draws the same outside the page: explicit size and viewBox, the SVG
 * namespace, the page's surface colour as background (transparent reads as black in some viewers), the page's
 * font (recharts' text inherits it from CSS, which a file does not have), the theme's colours written out
 * (the chart draws with var(--…), which a file cannot resolve), and the legend and caption below the plot.
 */
export function chartSvgMarkup(svg: SVGSVGElement, legend: readonly LegendEntry[], caption: readonly string[]): string {
  const { width, height } = drawnSize(svg);
  const style = getComputedStyle(svg);
  const fontSize = parseFloat(style.fontSize) || 12;
  const extra = legendCaptionSvg(legend, caption, { width, top: height, fontSize });
  // Custom properties inherit, so the <svg>'s computed style holds the theme's values (light or dark).
  const lookup = (name: string) => style.getPropertyValue(name);
  const total = height + extra.height;

  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  // recharts sizes its <svg> with style="width:100%;height:100%", meaningless in a file.
  clone.removeAttribute('style');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(total));
  clone.setAttribute('viewBox', `0 0 ${width} ${total}`);
  clone.setAttribute('font-family', style.fontFamily);
  clone.setAttribute('font-size', `${fontSize}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('x', '0');
  background.setAttribute('y', '0');
  background.setAttribute('width', String(width));
  background.setAttribute('height', String(total));
  background.setAttribute('fill', resolveCssVariables('var(--surface, #ffffff)', lookup));
  clone.insertBefore(background, clone.firstChild);

  const markup = new XMLSerializer().serializeToString(clone);
  return resolveCssVariablesInMarkup(markup.replace(/<\/svg>\s*$/, `${extra.markup}</svg>`), lookup);
}

/** The width and height attributes of the markup's root <svg> (as chartSvgMarkup writes them). */
export function svgSize(markup: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/.exec(markup)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Draws the SVG onto a canvas `scale` times its size (sharp on high-density screens and in slides). */
export async function svgMarkupToPngBlob(markup: string, scale = 2): Promise<Blob> {
  const image = new Image();
  // A data: URL rather than a blob: URL, which some browsers treat as cross-origin and then refuse to export.
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('The browser could not draw the chart as an image.'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await loaded;
  const size = svgSize(markup) ?? { width: image.naturalWidth, height: image.naturalHeight };
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size.width * scale);
  canvas.height = Math.round(size.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas, so no PNG can be made; try SVG.');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG.'))), 'image/png'),
  );
}

/** Saves a blob under a file name through a temporary <a download>. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute later it has certainly started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
