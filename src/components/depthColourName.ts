// A chart colour in words, for text that tells the reader which line to look at. Keyed by the colour itself, not
// by a run or a depth, so a change of palette in runStyle.ts can never make the words lie: an unnamed colour
// gives null (or, by depth, a neutral "the depth-8 colour").
import { depthColour } from './runStyle';

/** Okabe & Ito's (2008) and Paul Tol's own names for the colours of runStyle.ts (SERIES_COLOURS, DEPTH_COLOURS). */
const COLOUR_NAMES: Readonly<Record<string, string>> = {
  '#0072B2': 'blue',
  '#E69F00': 'orange',
  '#009E73': 'bluish green',
  '#D55E00': 'vermillion',
  '#CC79A7': 'reddish purple',
  '#000000': 'black',
  '#997700': 'ochre',
  '#7F7F7F': 'grey',
  '#AA4499': 'purple',
  '#999933': 'olive',
};

/** 'vermillion' for '#D55E00'; null for a colour without a name here. */
export function colourName(colour: string): string | null {
  return COLOUR_NAMES[colour.toUpperCase()] ?? null;
}

/** The paper depths' colours (runStyle.ts DEPTH_COLOURS) by name; any other depth is "the depth-8 colour". */
const PAPER_DEPTH_COLOURS = new Set(['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#000000']);

export function depthColourName(depth: number): string {
  const colour = depthColour(depth).toUpperCase();
  return (PAPER_DEPTH_COLOURS.has(colour) ? colourName(colour) : null) ?? `the depth-${depth} colour`;
}
