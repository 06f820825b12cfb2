// The colour of a depth's curves in words, for text that tells the reader which line to look at. Keyed by the
// colour itself, not the depth, so a change of palette in runStyle.ts can never make the words lie: an unnamed
// colour falls back to a neutral "the depth-8 colour".
import { depthColour } from './runStyle';

/** Okabe & Ito's (2008) own names for the colours runStyle.ts gives the paper's depths (§4.2: 20 to 110, 1202). */
const COLOUR_NAMES: Readonly<Record<string, string>> = {
  '#0072B2': 'blue',
  '#E69F00': 'orange',
  '#009E73': 'bluish green',
  '#D55E00': 'vermillion',
  '#CC79A7': 'reddish purple',
  '#000000': 'black',
};

export function depthColourName(depth: number): string {
  return COLOUR_NAMES[depthColour(depth).toUpperCase()] ?? `the depth-${depth} colour`;
}
