// The bounds on a run's text and list fields, the same wherever a run comes from (a JSON import, the records
// IndexedDB gives back, a rename in this or another tab): a 10 MB label would not stop the page, but would
// make every render of the run list crawl. With runCurves.ts (the curves) and configValidation.ts (the
// settings), these are the one set of rules every way into the app's state goes through.

/** Characters of a label, a device name, an experiment id or a file name. */
export const MAX_NAME = 200;
/** Characters of a run's message (why it stopped or failed). */
export const MAX_MESSAGE = 2_000;
/** lr drops of one run (the schedules have 2). */
export const MAX_LR_DROPS = 100;

/** Which bound each optional text field of a run has. */
export const TEXT_FIELD_BOUNDS = { label: MAX_NAME, experimentId: MAX_NAME, importedFrom: MAX_NAME, message: MAX_MESSAGE } as const;

/** A label as a rename sets it: trimmed, and cut at MAX_NAME characters (an empty one means the network's name). */
export function boundedLabel(label: string): string {
  return label.trim().slice(0, MAX_NAME);
}
