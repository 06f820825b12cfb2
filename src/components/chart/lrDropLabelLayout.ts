// Where the "lr ÷10" labels go: in a strip above the plot area (never over a curve or a marker), each centred
// over its drop's line, pushed apart sideways where two drops are closer than a label is wide (runs of
// different lengths drop at different iterations, e.g. 3,200 and 3,250).
import { spreadLabels } from '../chartData';

/** Width (px) of "lr ÷10" at the chart's 11 px label font, with a little air. */
export const LR_LABEL_WIDTH = 44;
/** Height (px) of the strip above the plot area that holds the labels. */
export const LR_LABEL_STRIP = 18;

/** Label centres (px) for drop lines at `lineXs` (px), inside [left, right] (the plot area's edges) where they
 *  fit, no two closer than `width`. */
export function lrLabelCentres(lineXs: readonly number[], left: number, right: number, width = LR_LABEL_WIDTH): number[] {
  return spreadLabels(lineXs, width, left + width / 2, right - width / 2);
}
