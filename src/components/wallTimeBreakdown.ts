// One line that says where an expected wall time goes, in the order a run spends it.
import type { WallTimeParts } from '../engine/wallTime';
import { formatDuration } from './format';

const NAMES: [keyof WallTimeParts, string][] = [
  ['build', 'building the networks and their first steps'],
  ['compile', 'compiling GPU shaders'],
  ['steps', 'training steps'],
  ['samples', 'chart points'],
  ['evaluations', 'test evaluations'],
  ['checkpoints', 'checkpoints'],
];

/** E.g. "Of that: training steps 1 min 2 s, compiling GPU shaders 4 s, …", largest first; parts under half a
 *  second are left out of the words (they are in the total). */
export function describeParts(parts: WallTimeParts): string {
  const shown = NAMES.filter(([key]) => parts[key] >= 0.5).sort(([a], [b]) => parts[b] - parts[a]);
  if (shown.length === 0) return 'Every part takes under a second';
  return `Of that: ${shown.map(([key, name]) => `${name} ${formatDuration(parts[key])}`).join(', ')}`;
}
