// Seeded building blocks for the fuzz tests: the hostile atoms (numbers, text, %-escapes, keys) that the URL,
// JSON-import and data-file generators combine. Seeded with the project's Random, so a failing case is
// reproduced by its seed and index alone. Used by the unit fuzz tests (src/fuzz/) and the browser pass (e2e/).
import { Random } from '../data/random';

/** The seed the fuzz tests use unless FUZZ_SEED says otherwise; any change of inputs shows up as a new seed. */
export const DEFAULT_FUZZ_SEED = 20_261_203;

/** Picks and draws on top of the project's seeded generator. */
export class Fuzz {
  private readonly random: Random;

  constructor(readonly seed: number) {
    this.random = new Random(seed);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return this.random.int(n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.random.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `n` draws of `make`, in order. */
  many<T>(n: number, make: () => T): T[] {
    return Array.from({ length: n }, make);
  }

  bytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = this.int(256);
    return bytes;
  }
}

/** Numbers as text: overflow (1e400), underflow, -0, NaN, other bases, separators, other scripts' digits. */
export const HOSTILE_NUMBER_TEXTS: readonly string[] = [
  '1e400', '-1e400', '1e-400', '1E+308', '-0', '0', '-1', 'NaN', 'Infinity', '-Infinity', '0x20', '0X1F', '0b101', '0o17',
  '2e1', '1e', 'e5', '.', '.5', '5.', '+20', ' 20', '20 ', '1_000', '1,000', '20%', '９', '٢٠', '−1', '4294967296',
  '4294967295', '9007199254740993', '9'.repeat(400), `0.${'0'.repeat(30)}1`, '1e-4', '0.1', '56', '20', '110', '1202', '1208',
  '0020', '3.0', '1.5', '', 'null', 'undefined', 'true', '[]', '{}',
];

/** Text a user never types on purpose: controls, lone surrogates, direction marks, markup, prototype keys. */
export const HOSTILE_TEXTS: readonly string[] = [
  '', ' ', '\t\n', '\u0000', '\u0000abc', '\ud800', '\udfff\ud800', '\u202eevil', '\u200b', '\ufeff', 'é', 'ﬁ', '😀', '👩‍👩‍👧',
  '<script>alert(1)</script>', '<b>x</b>', '"\'`', '\\', '{{x}}', '${x}', '%s%n', '__proto__', 'constructor', 'prototype',
  'toString', 'hasOwnProperty', 'valueOf', 'undefined', 'null', 'NaN', '[object Object]', 'Ω≈ç√∫', '子供', 'resnet-20',
  'plain', 'residual', 'paper', 'quick', 'bottleneck', 'A', 'B', '1', '0', '45k', '50k', 'all', 'webgpu', 'reference',
];

/** Broken and odd %-escapes: decodeURIComponent throws on most of them, URLSearchParams must not. */
export const BROKEN_ESCAPES: readonly string[] = [
  '%', '%Z', '%ZZ', '%2', '%E0%A4%A', '%FF', '%C0%80', '%ED%A0%80', '%%', '%u0041', '%00', '%0A', '%26', '%3D', '%2B', '+',
  '%25', '%F0%9F%98%80', '%EF%BB%BF',
];

/** Long enough that a message echoing it whole would be an unreadable notice (a link can carry kilobytes). */
export function longText(fuzz: Fuzz): string {
  const unit = fuzz.pick(['x', '9', 'é', '%', '😀', 'ab,', '-']);
  return unit.repeat(fuzz.between(1_000, 6_000));
}

/** Random characters from every plane, lone surrogates included. */
export function randomText(fuzz: Fuzz, maxLength = 24): string {
  let text = '';
  const length = fuzz.int(maxLength + 1);
  for (let i = 0; i < length; i++) {
    const range = fuzz.pick([0x7f, 0x7f, 0xff, 0xffff, 0x10ffff]);
    text += String.fromCodePoint(fuzz.int(range + 1));
  }
  return text;
}

/** Any of the above, weighted towards the short hostile atoms. */
export function hostileText(fuzz: Fuzz): string {
  const roll = fuzz.int(10);
  if (roll < 4) return fuzz.pick(HOSTILE_TEXTS);
  if (roll < 6) return fuzz.pick(HOSTILE_NUMBER_TEXTS);
  if (roll < 7) return fuzz.pick(BROKEN_ESCAPES) + fuzz.pick(HOSTILE_TEXTS);
  if (roll < 8) return longText(fuzz);
  return randomText(fuzz);
}

/** JSON values of every kind, hostile ones first: what a mutated field of an import becomes. */
export function hostileJsonValue(fuzz: Fuzz, depth = 0): unknown {
  const roll = fuzz.int(14);
  switch (roll) {
    case 0: return null;
    case 1: return fuzz.chance(0.5);
    case 2: return fuzz.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, 1e12, 2 ** 31, Number.MAX_SAFE_INTEGER, 5e-324, 100.0001]);
    case 3: return fuzz.int(100_000);
    case 4: return hostileText(fuzz);
    case 5: return [];
    case 6: return {};
    case 7: return depth > 3 ? 'deep' : fuzz.many(fuzz.between(1, 4), () => hostileJsonValue(fuzz, depth + 1));
    case 8: return depth > 3 ? {} : Object.fromEntries(fuzz.many(fuzz.between(1, 3), () => [hostileText(fuzz).slice(0, 20), hostileJsonValue(fuzz, depth + 1)]));
    case 9: return fuzz.pick(['1', '0.1', 'true', 'finished', 'webgpu', 'paper', '']);
    case 10: return nested(fuzz.between(50, 800)); // deeper lists are in the text-only cases: copying them here would overflow
    case 11: return fuzz.many(fuzz.between(100, 3_000), () => 0);
    default: return -fuzz.int(1_000);
  }
}

/** A list nested `depth` levels deep: recursion in a reader would overflow the stack on it. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** A short, one-line version of a fuzz input for a failure report. */
export function preview(input: string, max = 160): string {
  const line = JSON.stringify(input);
  return line.length > max ? `${line.slice(0, max)}… (${input.length} characters)` : line;
}
