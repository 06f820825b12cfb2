// The top of the exported folder's README.md: what this folder trains and the commands that train it. The
// static part below it (pytorch/README.md) explains the script itself, the same for every export.
import type { TrainConfig } from '../config';
import { networksInWords, scheduleInWords, trainingInWords } from './recipeInWords';
import { IMPORT_STEP, RUN_COMMANDS } from './runCommands';

export interface ReadmeHeaderInput {
  name: string;
  configs: readonly TrainConfig[];
  seeds: readonly number[];
  /** The seed whose initial weights the app put in weights/, or null when the script draws every seed's own. */
  weightsSeed: number | null;
}

/** Markdown, ending with a rule that separates it from the static README. */
export function readmeHeader({ name, configs, seeds, weightsSeed }: ReadmeHeaderInput): string {
  const recipe = configs[0];
  const runs = configs.length * seeds.length;
  const lines = [
    `# ${name}: run it with PyTorch`,
    '',
    'Exported from the residual-learning playground: the same networks and recipe, for the paper’s full length, several seeds or very deep networks.',
    '',
    `- **Networks** (${configs.length}): ${networksInWords(configs)}`,
    `- **Schedule**: ${recipe ? scheduleInWords(recipe) : 'none'}`,
    `- **Recipe**: ${recipe ? trainingInWords(recipe) : 'none'}`,
    `- **Seeds** (${seeds.length}): ${seeds.join(', ')}; every network trains once per seed, ${runs} ${runs === 1 ? 'run' : 'runs'} in all`,
  ];
  if (weightsSeed !== null) {
    lines.push(
      `- **Initial weights**: seed ${weightsSeed} starts from the app’s own (weights/), exactly where a browser run with this seed starts; other seeds use PyTorch’s own draw of the same He initialisation`,
    );
  }
  lines.push('', '## Run it', '', 'It needs PyTorch only (requirements.txt). In this folder:', '');
  for (const { where, command } of RUN_COMMANDS) lines.push(where, '', '```', command, '```', '');
  lines.push(IMPORT_STEP, '', '---', '', '');
  return lines.join('\n');
}
