// How each run is drawn. Every run its own colour (runs of one depth no longer share a hue: issue 20, finding 8),
// taken in order from one colour-blind-safe palette legible on the light and the dark theme; plain and residual
// told apart by more than colour (a fixed family per block type: marker, dash pattern of the training curve, line
// weight), so the pair the paper compares reads apart in grey and for colour-blind readers too.
import type { ModelConfig } from '../config';
import { referenceRunName, type ReferenceRun, type ReferenceSet } from '../reference/referenceCurves';
import type { Run } from '../state/appState';
import { displayedRunName } from '../state/runDisplayName';
import { hasPoints } from './chartData';

/** The chart's series colours, in the order runs take them: Okabe & Ito's (2008) blue, vermillion, bluish green
 *  and reddish purple first (the most different under every kind of colour blindness), then tones of Paul Tol's
 *  palettes. Each has a relative luminance of 0.15-0.30, so it keeps WCAG's 3:1 contrast for graphics on the white
 *  surface and on the dark theme's #1a1f27 alike (runStyle.test.ts checks). A ninth run takes the first colour
 *  again; its name and marker still tell it apart. */
export const SERIES_COLOURS: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#997700', '#7F7F7F', '#AA4499', '#999933'];

/** The colour of the `index`-th series on the chart (runs oldest first, then the reference overlay's runs). */
export function seriesColour(index: number): string {
  return SERIES_COLOURS[((index % SERIES_COLOURS.length) + SERIES_COLOURS.length) % SERIES_COLOURS.length];
}

/** The paper's depths (§4.2: 6n+2 with n = 3, 5, 7, 9, 18, 200), each in a fixed colour of the palette above. The
 *  chart no longer colours by depth; kept for text that still names a depth's colour (verdictChartHint.ts). */
export const DEPTH_COLOURS: Readonly<Record<number, string>> = {
  20: '#0072B2', // blue
  32: '#E69F00', // orange
  44: '#009E73', // bluish green
  56: '#D55E00', // vermillion
  110: '#CC79A7', // reddish purple
  1202: '#000000', // black (Fig. 6 right: ResNet-110 vs 1202)
};

const OTHER_DEPTH_COLOURS = ['#997700', '#AA4499', '#999933', '#CC6677', '#4477AA', '#7F7F7F', '#228833'];

/** A fixed colour per depth (see DEPTH_COLOURS); not what the chart draws a run in (runStyles does that). */
export function depthColour(depth: number): string {
  return DEPTH_COLOURS[depth] ?? OTHER_DEPTH_COLOURS[Math.abs(Math.round(depth)) % OTHER_DEPTH_COLOURS.length];
}

/** Marker on every curve of a run: □ plain (hollow), ● residual with option A shortcuts, ▲ residual with option B. */
export type RunMarker = 'square' | 'circle' | 'triangle';

export function runMarker(model: Pick<ModelConfig, 'blockType'> & Partial<Pick<ModelConfig, 'shortcut'>>): RunMarker {
  if (model.blockType === 'plain') return 'square';
  return model.shortcut === 'B' ? 'triangle' : 'circle';
}

/** Fig. 6: dashed = training error, solid (bold) = test error. The dash pattern is the block type's own, so
 *  plain-8's and ResNet-8's training curves differ in the line itself, whatever their colours: short
 *  dashes for plain, long dashes for residual (SVG stroke-dasharray, px on / px off). */
export const PLAIN_TRAIN_DASH = '3 3';
export const RESIDUAL_TRAIN_DASH = '9 4';

export interface CurveStyle {
  colour: string;
  marker: RunMarker;
  /** Plain markers are hollow, residual ones filled. */
  filled: boolean;
  /** stroke-dasharray of the training curve (the test curve is solid). */
  trainDash: string;
  /** Line widths (px): plain thinner, residual thicker, so the two read apart without colour. */
  trainWidth: number;
  testWidth: number;
}

/** How a curve of this block type is drawn, in `colour`. */
export function curveStyle(model: Pick<ModelConfig, 'blockType'> & Partial<Pick<ModelConfig, 'shortcut'>>, colour: string): CurveStyle {
  const plain = model.blockType === 'plain';
  return {
    colour,
    marker: runMarker(model),
    filled: !plain,
    trainDash: plain ? PLAIN_TRAIN_DASH : RESIDUAL_TRAIN_DASH,
    trainWidth: plain ? 1 : 1.5,
    testWidth: plain ? 1.5 : 2.75,
  };
}

/** A run's name on the chart: its displayed name, marked when it came from a file rather than this browser. A run
 *  trained outside a browser came from a file too, and its name already says so ("ResNet-56 (option A) · PyTorch"). */
export function chartRunName(run: Run): string {
  return run.importedFrom && !run.elsewhere ? `${displayedRunName(run)} (imported)` : displayedRunName(run);
}

export interface RunStyle extends CurveStyle {
  runId: string;
  /** Unique on the chart: a second run of the same name gets " #2", and so on, oldest first. */
  name: string;
  hidden: boolean;
}

/** Styles of the runs the chart knows (those with points, hidden ones included), oldest first; the i-th takes the
 *  palette's i-th colour, so hiding a run never repaints the others. */
export function runStyles(runs: readonly Run[]): RunStyle[] {
  const seen = new Map<string, number>();
  return runs.filter(hasPoints).map((run, index) => {
    const base = chartRunName(run);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return {
      runId: run.id,
      name: count === 1 ? base : `${base} #${count}`,
      hidden: Boolean(run.hidden),
      ...curveStyle(run.config.model, seriesColour(index)),
    };
  });
}

export interface LegendEntry {
  runId: string;
  name: string;
  colour: string;
  marker: RunMarker;
  filled: boolean;
  trainDash: string;
  hidden: boolean;
}

/** One legend entry per run with points (hidden ones too, marked), for the HTML legend and for exports that
 *  draw the legend into an SVG/PNG (see markerPath for the glyphs). */
export function legendEntries(runs: readonly Run[]): LegendEntry[] {
  return runStyles(runs).map(({ runId, name, colour, marker, filled, trainDash, hidden }) => ({ runId, name, colour, marker, filled, trainDash, hidden }));
}

export interface ReferenceStyle extends CurveStyle {
  run: ReferenceRun;
  /** 'plain-20 (PyTorch ref.)'. */
  name: string;
}

/** The reference overlay's runs take the palette's colours after the `runCount` runs of this browser (so turning
 *  the overlay on never repaints a run), each its own; drawn faint and thin (chartSeries.tsx). */
export function referenceStyles(reference: ReferenceSet | undefined, runCount: number): ReferenceStyle[] {
  return (reference?.runs ?? []).map((run, i) => ({
    run,
    name: `${referenceRunName(run)} (PyTorch ref.)`,
    ...curveStyle({ blockType: run.blockType }, seriesColour(runCount + i)),
  }));
}

const round = (v: number) => Math.round(v * 100) / 100;

/** SVG path of a marker of radius `r` centred on (0, 0): squares and triangles are sized to look as big as the
 *  circle. Shared by the chart, the legend and exports. */
export function markerPath(marker: RunMarker, r: number): string {
  if (marker === 'square') {
    const s = round(r * 0.9);
    return `M${-s},${-s}H${s}V${s}H${-s}Z`;
  }
  if (marker === 'triangle') {
    const R = r * 1.3; // circumradius
    return `M0,${round(-R)}L${round(R * Math.sin(Math.PI / 3))},${round(R / 2)}L${round(-R * Math.sin(Math.PI / 3))},${round(R / 2)}Z`;
  }
  return `M${-r},0A${r},${r} 0 1,0 ${r},0A${r},${r} 0 1,0 ${-r},0Z`;
}

/** Five-pointed star of outer radius `r` centred on (0, 0): the paper's Table 6 numbers, never a run's. */
export function starPath(r: number): string {
  const points = Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? r : r * 0.45;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return `${round(radius * Math.cos(angle))},${round(radius * Math.sin(angle))}`;
  });
  return `M${points.join('L')}Z`;
}
