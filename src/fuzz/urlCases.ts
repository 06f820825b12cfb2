// Hostile page URLs: the app's own keys with junk values (and valid ones, so that junk sits next to settings
// that must be kept), unknown and prototype keys, repeated keys, broken %-escapes, odd separators.
import { BROKEN_ESCAPES, type Fuzz, hostileText, HOSTILE_NUMBER_TEXTS, longText, randomText } from './fuzzInputs';

/** Every key the page reads, with values it accepts: a fuzzed link mixes them with junk. */
export const URL_KEY_VALUES: Readonly<Record<string, readonly string[]>> = {
  depth: ['20', '56', '8', '110', '29'],
  net: ['plain', 'residual'],
  shortcut: ['A', 'B'],
  block: ['basic', 'bottleneck'],
  width: ['16', '4', '256'],
  schedule: ['paper', 'quick'],
  epochs: ['1', '15', '1000'],
  batch: ['16', '128', '1024'],
  lr: ['0.1', '1e-2', '10'],
  momentum: ['0.9', '0'],
  wd: ['1e-4', '0', '0.1'],
  seed: ['0', '7', '4294967295'],
  train: ['all', '', '64', '45000'],
  test: ['all', '64', '10000'],
  evals: ['1', '4', '100'],
  split: ['45k', '50k'],
  warmup: ['0', '1'],
  augment: ['0', '1'],
  backend: ['webgpu', 'webgl', 'cpu'],
  kernels: ['fused', 'taped', 'reference'],
  exp: ['single', 'degradation', 'figure6', 'optionAB', 'custom'],
  runs: ['plain-20,plain-56', 'resnet-20,resnet-20-B', 'resnet-29-bottleneck'],
};
const KEYS = Object.keys(URL_KEY_VALUES);

const NETWORK_TOKENS = ['plain-20', 'resnet-56', 'resnet-56-B', 'plain-20-B', 'resnet-21', 'resnet-29-bottleneck', 'RESNET-110', 'resnet-0', 'resnet-9998', 'resnet-1202', 'resnet-1208', ' plain-32 ', 'plain--20', 'resnet-20-b-bottleneck'];

/** A `runs` list: network names, junk, empty entries, more networks than a link may queue. */
function runsValue(fuzz: Fuzz): string {
  return fuzz.many(fuzz.between(0, 20), () => (fuzz.chance(0.6) ? fuzz.pick(NETWORK_TOKENS) : hostileText(fuzz))).join(fuzz.pick([',', ',', ',,', ', ']));
}

function value(fuzz: Fuzz, key: string): string {
  // Own keys only: the fuzz's own keys include "__proto__".
  const valid = Object.hasOwn(URL_KEY_VALUES, key) ? URL_KEY_VALUES[key] : undefined;
  const roll = fuzz.int(10);
  if (valid && roll < 3) return fuzz.pick(valid);
  if (key === 'runs' && roll < 6) return runsValue(fuzz);
  if (roll < 5) return fuzz.pick(HOSTILE_NUMBER_TEXTS);
  if (roll < 6) return longText(fuzz);
  return hostileText(fuzz);
}

/** Written into the query as it is, %-encoded, or with a broken escape spliced in. */
function written(fuzz: Fuzz, text: string): string {
  const roll = fuzz.int(6);
  if (roll < 2) return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '?')); // encodeURIComponent throws on lone surrogates
  if (roll < 3) {
    const at = fuzz.int(text.length + 1);
    return text.slice(0, at) + fuzz.pick(BROKEN_ESCAPES) + text.slice(at);
  }
  return text;
}

function part(fuzz: Fuzz): string {
  const roll = fuzz.int(20);
  if (roll === 0) return written(fuzz, randomText(fuzz)); // a bare word, no "="
  if (roll === 1) return `=${written(fuzz, hostileText(fuzz))}`; // a value without a key
  const key = roll < 16 ? fuzz.pick(KEYS) : fuzz.pick(['__proto__', 'constructor', 'prototype', 'toString', hostileText(fuzz).slice(0, 30)]);
  return `${written(fuzz, key)}=${written(fuzz, value(fuzz, key))}`;
}

/** One hostile query string, as `location.search` gives it (usually with the "?"). */
export function hostileQuery(fuzz: Fuzz): string {
  const parts = fuzz.many(fuzz.between(1, 8), () => part(fuzz));
  // A repeated key, with the same or another value: only one can count, and the page must say which.
  if (fuzz.chance(0.2)) {
    const key = fuzz.pick(KEYS);
    parts.splice(fuzz.int(parts.length + 1), 0, `${key}=${value(fuzz, key)}`, `${key}=${fuzz.chance(0.3) ? '20' : value(fuzz, key)}`);
  }
  const query = parts.join(fuzz.pick(['&', '&', '&', '&&', ';', '&amp;']));
  return `${fuzz.pick(['?', '?', '', '??', '&'])}${query}`;
}
