// A value from outside (a URL parameter, a setting read from a file) as a message quotes it: on one line and
// short. A link or a file can carry kilobytes in one value, and a notice that pastes it whole is unreadable
// (the URL fuzz test found notices of 5,000 to 16,000 characters).

export const MAX_SHOWN_CHARACTERS = 40;

export function shownInput(raw: string, max = MAX_SHOWN_CHARACTERS): string {
  const line = raw.replace(/\s+/g, ' ');
  if (line.length <= max) return line;
  // Not between the two halves of a surrogate pair (an emoji), which would show as a broken character.
  const end = /[\ud800-\udbff]/.test(line[max - 1]) ? max - 1 : max;
  return `${line.slice(0, end)}…`;
}
