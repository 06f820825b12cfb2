// Several files picked or dropped at once can each be wrong in its own way; the user fixes them all in one go
// only if every one is named with its defect, not just the first.
import { DataFormatError, GET_OFFICIAL_DATA } from './cifarFormat';

/** Files named one by one; past this the rest are counted, so a folder of junk gives a message, not a page. */
export const MOST_NAMED = 8;

/** One error naming each file with its defect, a line each ("data_batch_1.bin is a PNG image, …"), then what to
 *  do, once (the files' own advice when they agree). A single error is returned as it is. */
export function severalProblems(errors: readonly DataFormatError[]): DataFormatError {
  if (errors.length === 1) return errors[0];
  const lines = errors.slice(0, MOST_NAMED).map((error) => `• ${error.file === null ? error.problem : `${error.file} ${error.problem}`}`);
  const rest = errors.length - MOST_NAMED;
  if (rest > 0) lines.push(`• and ${rest} more ${rest === 1 ? 'file' : 'files'} that cannot be used either`);
  const remedies = new Set(errors.map((error) => error.remedy));
  const remedy = remedies.size === 1 ? [...remedies][0] : GET_OFFICIAL_DATA;
  return new DataFormatError(null, `${errors.length} files cannot be used as CIFAR-10:\n${lines.join(';\n')}`, remedy);
}
