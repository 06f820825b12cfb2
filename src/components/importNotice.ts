// The notice after an import: how many runs came in, and how to tell them from this browser's runs.
import type { Run } from '../state/appState';

/** "Imported 1 run from “f.json”; it is marked “imported”." and the like, then the file's problems, if any. */
export function importNotice(imported: readonly Pick<Run, 'elsewhere'>[], problems: readonly string[], fileName: string): string {
  return `Imported ${imported.length} ${imported.length === 1 ? 'run' : 'runs'} from “${fileName}”; ${importMarking(imported)}.${problems.length ? ` ${problems.join(' ')}` : ''}`;
}

/** How the imported runs can be told from this browser's: "imported", or the framework they trained with. The
 *  verb agrees with the count: one run "is", several "are". */
function importMarking(imported: readonly Pick<Run, 'elsewhere'>[]): string {
  const elsewhere = imported.filter((run) => run.elsewhere).length;
  const one = imported.length === 1;
  if (elsewhere === 0) return `${one ? 'it is' : 'they are'} marked “imported”`;
  const trainedWith = [...new Set(imported.flatMap((run) => (run.elsewhere ? [run.elsewhere.framework] : [])))].join(', ');
  const them = elsewhere === imported.length ? (one ? 'it is' : 'they are') : `${elsewhere} of them ${elsewhere === 1 ? 'is' : 'are'}`;
  return `${them} labelled as trained elsewhere (${trainedWith})`;
}
