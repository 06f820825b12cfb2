// What every message shown for bad input must be: a sentence a person can read. A message that leaks a
// program's internals ("undefined", "[object Object]", "NaN") or echoes kilobytes of a link is not one.

/** Longest message a notice may carry. Echoed input is shortened, so only a message that pastes a whole
 *  hostile value (the fuzz inputs carry 1,000+ characters) goes past this. */
export const MAX_MESSAGE_CHARS = 2_000;

/** Words a program leaks when it prints a value it did not check. */
const LEAKS = ['undefined', '[object ', 'NaN', 'Infinity', 'function ', '=>'];

/**
 * Why `message` is not a clear message, or null when it is. `input` is what the user gave (the query, the
 * file's text or name): a word the user wrote may be echoed back, so a leak word is a fault only when the
 * input does not contain it.
 */
export function messageFault(message: unknown, input: string): string | null {
  if (typeof message !== 'string') return `the message is a ${typeof message}, not text`;
  const text = message.trim();
  if (text.length < 10) return `the message “${text}” is too short to say anything`;
  if (text.length > MAX_MESSAGE_CHARS) return `the message is ${text.length} characters long (at most ${MAX_MESSAGE_CHARS}): it echoes input whole`;
  const leak = LEAKS.find((word) => text.includes(word) && !input.includes(word));
  if (leak) return `the message leaks “${leak.trim()}”: ${text.slice(0, 200)}`;
  if (!/[.!?)”]$/.test(text)) return `the message is not a finished sentence: …${text.slice(-80)}`;
  // Sentences glued together without care: "(the paper uses 16).." and "is a array".
  const glued = /(^|[^.])\.\.(?!\.)/.exec(text) ?? /\ba [aeio][a-z]/.exec(text);
  if (glued && !input.includes(glued[0].trim())) return `the message has “${glued[0].trim()}” in it: …${text.slice(Math.max(0, glued.index - 60), glued.index + 20)}…`;
  return null;
}
