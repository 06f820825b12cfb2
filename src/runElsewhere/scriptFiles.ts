// The static files of the exported folder, written by hand in pytorch/ and bundled into the app as text by
// Vite's ?raw imports (vitest transforms them the same way). They are UTF-8 files, so encoding the text again
// gives back their bytes exactly.
import readme from '../../pytorch/README.md?raw';
import requirements from '../../pytorch/requirements.txt?raw';
import script from '../../pytorch/residual_playground.py?raw';
import slurm from '../../pytorch/slurm.sh?raw';
import { SCRIPT_FILE } from './runCommands';

export interface ScriptFile {
  /** The name in the exported folder. */
  name: string;
  text: string;
}

/** The script and its companions, copied as they are. */
export const SCRIPT_FILES: readonly ScriptFile[] = [
  { name: SCRIPT_FILE, text: script },
  { name: 'requirements.txt', text: requirements },
  { name: 'slurm.sh', text: slurm },
];

/** pytorch/README.md: the folder's README.md is readmeHeader() followed by this. */
export const README_BODY = readme;
