// Hostile run exports: a valid export (runsToJson of real runs, or the runs kept aside as the history's notice
// downloads them) with fields changed to the wrong kind, nulls, huge iterations, deleted fields, nested junk and
// prototype keys; the same text with numbers written as JSON cannot hold them (1e400, -0, NaN, hex), repeated
// keys, truncations and flipped characters; and plain junk.
// The diagnostics (gradient norms, layer responses, confusion matrices, predictions) lie deep in a run, where
// random changes seldom reach: they get changes of their own (mutateDiagnostics).
import type { ChartView } from '../components/ChartControls';
import { DEFAULT_CONFIG } from '../config';
import type { Run } from '../state/appState';
import { quarantineJson } from '../export/quarantineFile';
import { runsToJson } from '../export/runsJson';
import { toStoredRun } from '../state/runHistory';
import { testDiagnostics, twoRuns } from '../export/testRuns';
import { type Fuzz, hostileJsonValue, hostileText, randomText } from './fuzzInputs';

/** Valid runs of several kinds, so mutations land on every setting and on both kinds of points. */
function validRuns(): Run[] {
  const [plain, residual] = twoRuns();
  const bottleneck: Run = {
    ...residual,
    id: 'run-c',
    config: { ...DEFAULT_CONFIG, model: { ...DEFAULT_CONFIG.model, depth: 29, block: 'bottleneck', shortcut: 'B' }, schedule: 'paper', validationSplit: true, warmup: true, trainSubset: 45_000 },
    state: 'failed',
    message: 'Out of memory.',
    // The paper's schedule: samples far into the run, and predictions of the validation images.
    diagnostics: (() => {
      const diagnostics = testDiagnostics([10, 20, 30, 40, 50], [390, 780, 63_000]);
      return { ...diagnostics, predictions: { ...diagnostics.predictions!, evaluatedOn: 'validation' as const } };
    })(),
  };
  return [plain, residual, bottleneck];
}

/** The chart's settings an export records (written out, not DEFAULT_CHART_VIEW: the browser pass in e2e/ loads
 *  this module in Node, where the component file would pull in React). */
const VIEW: ChartView = { unit: 'iteration', referenceId: '', smoothing: 0, logScale: false, paperTable6: true };

/** A valid export, as text: what every mutation starts from. */
export function validExportText(fuzz: Fuzz): string {
  const runs = validRuns().filter(() => fuzz.chance(0.7));
  const view = { ...VIEW, smoothing: fuzz.pick([0, 0.6]) };
  // A fixed date: the same seed gives the same text, byte for byte.
  return runsToJson(runs.length > 0 ? runs : validRuns().slice(0, 1), view, undefined, new Date(Date.UTC(2026, 11, 3)));
}

/** The runs kept aside, as the history's notice downloads them (records as stored): Import JSON reads them too. */
function validQuarantineText(fuzz: Fuzz): string {
  const runs = validRuns().filter(() => fuzz.chance(0.7));
  return quarantineJson((runs.length > 0 ? runs : validRuns().slice(0, 1)).map((run, i) => toStoredRun(run, i)));
}

type Json = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** A random object or list inside `root` (root included), reached by walking down at random. */
function randomContainer(fuzz: Fuzz, root: Json): Json {
  let here: Json = root;
  for (let depth = 0; depth < 6 && fuzz.chance(0.75); depth++) {
    const children = Object.values(here).filter(isContainer);
    if (children.length === 0) break;
    here = fuzz.pick(children);
  }
  return here;
}

/** An own, enumerable property, even for "__proto__" (a plain assignment would set the prototype instead):
 *  what JSON.parse makes of such a key in a file. */
function defineOwn(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const HUGE_ITERATIONS = [1e12, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e308, 64_001, 5_851, -1, 0.5];

/** One change at a random place: another value, a deleted field, a prototype key, a huge iteration. */
function mutate(fuzz: Fuzz, root: Json): void {
  const target = randomContainer(fuzz, root);
  const keys = Object.keys(target);
  const key = keys.length > 0 ? fuzz.pick(keys) : '0';
  const roll = fuzz.int(10);
  if (Array.isArray(target) && roll < 2) {
    // Lists: repeat, drop or add an element (a point twice, a run twice, junk among the points).
    if (roll === 0 && target.length > 0) target.splice(fuzz.int(target.length), 0, structuredClone(target[fuzz.int(target.length)]));
    else target.splice(fuzz.int(target.length + 1), fuzz.int(2), hostileJsonValue(fuzz));
  } else if (roll < 5) defineOwn(target, key, hostileJsonValue(fuzz));
  else if (roll < 6) delete (target as Record<string, unknown>)[key];
  else if (roll < 7) defineOwn(target, fuzz.pick(PROTOTYPE_KEYS), fuzz.chance(0.5) ? { polluted: 'yes', toString: 'x' } : hostileJsonValue(fuzz));
  else if (roll < 8) defineOwn(target, fuzz.pick(['iteration', 'epoch', 'totalIterations', 'createdAt', 'depth', 'width']), fuzz.pick(HUGE_ITERATIONS));
  else if (roll < 9) defineOwn(target, key, fuzz.pick([null, '', '0', [], {}, true]));
  else defineOwn(target, hostileText(fuzz).slice(0, 40), hostileJsonValue(fuzz));
}

const HOSTILE_DIAGNOSTIC_NUMBERS = [-1, -0, 0.5, 1e308, 2 ** 53 + 2, 255, 256, 100, 101, 10, 1e12, 64_001];

/** A value of a field a file's diagnostics give: a hostile number, text, a list of the wrong length, junk. */
function hostileDiagnosticValue(fuzz: Fuzz, like: unknown): unknown {
  switch (fuzz.int(5)) {
    case 0:
      return fuzz.pick(HOSTILE_DIAGNOSTIC_NUMBERS);
    case 1:
      // Array.from first: an earlier change may have given the list an own "constructor", which slice() would call.
      return Array.isArray(like) ? Array.from(like).slice(fuzz.int(like.length + 1)) : [like];
    case 2:
      return Array.isArray(like) ? [...like, ...like] : String(like);
    case 3:
      // Long lists: of bytes, of samples, of layers, past their bounds.
      return new Array(fuzz.pick([301, 150_001, 200_001])).fill(Array.isArray(like) && like.length > 0 ? like[0] : 0);
    default:
      return hostileJsonValue(fuzz);
  }
}

/** One change deep inside a run's diagnostics: a value of a sample, a layer, a cell or a prediction. */
function mutateDiagnostics(fuzz: Fuzz, root: Json): void {
  const runs = (root as { runs?: unknown; records?: unknown }).runs ?? (root as { records?: unknown }).records;
  if (!Array.isArray(runs)) return;
  const withDiagnostics = Object.values(runs).filter((run): run is { diagnostics: Json } => isContainer(run) && isContainer((run as { diagnostics?: unknown }).diagnostics));
  if (withDiagnostics.length === 0) return;
  let here: Json = fuzz.pick(withDiagnostics).diagnostics;
  // Down to a random depth: the diagnostics, the layout or a list, a sample or layer, a list of values.
  for (let depth = 0; depth < 4 && fuzz.chance(0.8); depth++) {
    const children = Object.values(here).filter(isContainer);
    if (children.length === 0) break;
    here = fuzz.pick(children);
  }
  const keys = Object.keys(here);
  const key = keys.length > 0 ? fuzz.pick(keys) : '0';
  const roll = fuzz.int(10);
  if (roll < 6) defineOwn(here, key, hostileDiagnosticValue(fuzz, (here as Record<string, unknown>)[key]));
  else if (roll < 7) delete (here as Record<string, unknown>)[key];
  else if (roll < 8) defineOwn(here, fuzz.pick(PROTOTYPE_KEYS), fuzz.chance(0.5) ? { polluted: 'yes', iteration: 5 } : hostileJsonValue(fuzz));
  else if (Array.isArray(here) && here.length > 1 && !Object.hasOwn(here, 'constructor')) {
    // Out of order, or the same sample twice.
    const i = fuzz.int(here.length - 1);
    if (roll < 9) [here[i], here[i + 1]] = [here[i + 1], here[i]];
    else here.splice(i, 0, structuredClone(here[i]));
  } else defineOwn(here, key, fuzz.pick([null, '', '0', [], {}, true]));
}

/** Numbers JSON cannot carry, or carries in forms a reader might trip on. */
const NUMBER_SPELLINGS = ['1e400', '-1e400', '1E-400', '-0', '-0.0', '0x10', 'NaN', 'Infinity', '01', '1.', '.5', '+1', '9'.repeat(400), '1e308', '4.9e-324', '123456789012345678901234567890'];

/** One change to the text itself: a number spelled oddly, a repeated key, a cut, a flipped character, a BOM. */
function mutateText(fuzz: Fuzz, text: string): string {
  const at = fuzz.int(text.length + 1);
  switch (fuzz.int(8)) {
    case 0:
    case 1: {
      // Replace one number; the rest of the file stays valid.
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
      if (numbers.length === 0) return text;
      const number = fuzz.pick(numbers);
      return text.slice(0, number.index) + fuzz.pick(NUMBER_SPELLINGS) + text.slice(number.index + number[0].length);
    }
    case 2: {
      // A key given twice: JSON.parse keeps the last, so the file says two things.
      const braces = [...text.matchAll(/\{/g)];
      const brace = fuzz.pick(braces);
      const key = fuzz.pick(['format', 'version', 'runs', 'state', 'config', 'iteration', 'depth', '__proto__', 'constructor']);
      const value = JSON.stringify(hostileJsonValue(fuzz));
      return `${text.slice(0, (brace.index ?? 0) + 1)}"${key}":${value},${text.slice((brace.index ?? 0) + 1)}`;
    }
    case 3:
      return text.slice(0, at);
    case 4:
      return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << fuzz.int(8))) + text.slice(at + 1);
    case 5:
      return text.slice(0, at) + randomText(fuzz, 8) + text.slice(at);
    case 6:
      return `\ufeff${text}`;
    default:
      return text.replace(/"version": ?1/, `"version":${fuzz.pick(['2', '0', '1.0', '1.5', '"1"', 'null', '-1', '1e400', '99999999999999999999'])}`);
  }
}

/** Not an export at all: bytes, other JSON, a deep list, an export with junk where the runs go. */
function junkText(fuzz: Fuzz): string {
  switch (fuzz.int(5)) {
    case 0:
      return new TextDecoder().decode(fuzz.bytes(fuzz.int(400)));
    case 1:
      return JSON.stringify(hostileJsonValue(fuzz)) ?? '';
    case 2:
      return `${'['.repeat(fuzz.between(1_000, 20_000))}${fuzz.chance(0.5) ? ']'.repeat(20_000) : ''}`;
    case 3:
      return JSON.stringify({ format: 'residual-playground-runs', version: 1, runs: fuzz.many(fuzz.between(1, 5), () => hostileJsonValue(fuzz)) });
    default:
      return fuzz.pick(['', ' ', 'null', '{}', '[]', 'true', '"runs"', '{"format":"residual-playground-runs"}', '{"format":"residual-playground-runs","version":1,"runs":[]}', '{"format":"residual-playground-quarantine"}', '{"format":"residual-playground-quarantine","records":{}}']);
  }
}

/** One hostile file: mostly a mutated valid export (or download of the runs kept aside), sometimes junk. */
export function hostileExportText(fuzz: Fuzz): string {
  const roll = fuzz.int(10);
  if (roll < 1) return junkText(fuzz);
  // Two rolls in ten start from the runs kept aside, chosen by the roll so that the other cases draw exactly
  // what they drew before (the seeds' cases stay the same: a new draw here shifted them all).
  const valid = roll === 2 || roll === 9 ? validQuarantineText(fuzz) : validExportText(fuzz);
  if (roll < 3) return mutateText(fuzz, valid);
  const document = JSON.parse(valid) as Json;
  const changes = fuzz.between(1, 4);
  for (let i = 0; i < changes; i++) (fuzz.chance(0.3) ? mutateDiagnostics : mutate)(fuzz, document);
  const text = JSON.stringify(document, null, fuzz.chance(0.5) ? 2 : undefined);
  return fuzz.chance(0.2) ? mutateText(fuzz, text) : text;
}
