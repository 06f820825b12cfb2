// File and folder names made from what the user sees ("Figure 6", "ResNet-20 (option A)"): lower case ASCII
// letters, digits and single hyphens, so they unzip and type the same on every system and shell.

/** Longest slug kept: a folder name, not a sentence. */
const MAX_SLUG_LENGTH = 60;

/** "Degradation (Fig. 1)" -> "degradation-fig-1", "Größe ½" -> "grosse-1-2"; "experiment" when nothing is left. */
export function slug(name: string): string {
  const ascii = name
    .normalize('NFKD') // "é" -> "e" + a combining accent, "½" -> "1⁄2", which the next steps reduce
    .replace(/ß/g, 'ss')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const hyphenated = ascii
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return hyphenated === '' ? 'experiment' : hyphenated;
}
