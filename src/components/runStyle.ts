// How each run is drawn, as in the paper's Fig. 6: one colour per DEPTH, so plain-56 and ResNet-56 share a
// colour and the eye compares them directly; plain and residual told apart by more than colour (a fixed
// family per block type: marker, dash pattern of the training curve, line weight), so two runs of the same
// depth read apart without hovering, in grey and for colour-blind readers.
import type { ModelConfig } from '../config';
import type { Run } from '../state/appState';
import { displayedRunName } from '../state/runDisplayName';
import { hasPoints } from './chartData';

/** The paper's depths (§4.2: 6n+2 with n = 3, 5, 7, 9, 18, 200) in the colour-blind-safe palette of Okabe & Ito
 *  (2008). 20 and 56, the pair the paper's story compares (Fig. 1, Fig. 6), get its two most different colours. */
export const DEPTH_COLOURS: Readonly<Record<number, string>> = {
  20: '#0072B2', // blue
  32: '#E69F00', // orange
  44: '#009E73', // bluish green
  56: '#D55E00', // vermillion
  110: '#CC79A7', // reddish purple
  1202: '#000000', // black (Fig. 6 right: ResNet-110 vs 1202)
};

/** Any other depth (the micro net's 8, bottleneck 9n+2 extensions, ...): tones of Paul Tol's palettes of middle
 *  lightness (relative luminance 0.15-0.30), so each keeps a 3:1 contrast (WCAG's for graphics) on the white
 *  surface and on the dark theme's #1a1f27 alike; picked by depth modulo 7 so a depth keeps its colour across
 *  runs and sessions. The micro net's depth 8 gets purple. */
const OTHER_DEPTH_COLOURS = ['#997700', '#AA4499', '#999933', '#CC6677', '#4477AA', '#7F7F7F', '#228833'];

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
 *  plain-8's and ResNet-8's training curves (same colour, the same depth) differ in the line itself: short
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

export function curveStyle(model: Pick<ModelConfig, 'depth' | 'blockType'> & Partial<Pick<ModelConfig, 'shortcut'>>): CurveStyle {
  const plain = model.blockType === 'plain';
  return {
    colour: depthColour(model.depth),
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

/** Styles of the runs the chart knows (those with points, hidden ones included), oldest first. */
export function runStyles(runs: readonly Run[]): RunStyle[] {
  const seen = new Map<string, number>();
  return runs.filter(hasPoints).map((run) => {
    const base = chartRunName(run);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return {
      runId: run.id,
      name: count === 1 ? base : `${base} #${count}`,
      hidden: Boolean(run.hidden),
      ...curveStyle(run.config.model),
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
