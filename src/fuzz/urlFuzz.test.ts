// Fuzz: hostile page URLs. Each case must parse without throwing into a valid config and experiment, with
// every part of the link that was not used named in a clear message (nothing dropped silently), and the link
// the page writes back must read the same without complaint.
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../configValidation';
import { experimentFromQuery, experimentToParams } from '../experiment/experimentUrl';
import { memberFromToken, memberToToken, MAX_MEMBERS } from '../experiment/memberTokens';
import { configFromQuery, configToQuery } from '../state/urlConfig';
import { messageFault } from './clearMessage';
import { Fuzz, preview } from './fuzzInputs';
import { caseSeed, fuzzSeed } from './fuzzSeed';
import { prototypeChanges, prototypeSnapshot } from './prototypeGuard';
import { hostileQuery } from './urlCases';

const CASES = 500;

const NUMBER_KEYS = new Set(['depth', 'width', 'epochs', 'batch', 'lr', 'momentum', 'wd', 'seed', 'evals']);
const SUBSET_KEYS = new Set(['train', 'test']);
const WORD_KEYS = new Set(['net', 'shortcut', 'block', 'schedule', 'split', 'warmup', 'augment']);
const MODES = ['single', 'degradation', 'figure6', 'optionAB', 'custom'];

type ConfigResult = ReturnType<typeof configFromQuery>;

/** Whether the page uses `raw` as the value of `key`. */
function taken(key: string, raw: string, result: ConfigResult): boolean {
  const written = new URLSearchParams(configToQuery(result.config)).get(key);
  if (key === 'backend') return result.backends?.[0] === raw;
  if (key === 'kernels') return result.kernels === raw;
  if (SUBSET_KEYS.has(key) && (raw === 'all' || raw === '')) return written === 'all';
  if (NUMBER_KEYS.has(key) || SUBSET_KEYS.has(key)) return raw.trim() !== '' && written !== null && Number(raw) === Number(written);
  if (WORD_KEYS.has(key)) return raw === written;
  return true; // exp and runs: checked by experimentFaults
}

/** A suggestion for another key ("did you mean train=?") does not report `train` itself. */
const withoutSuggestions = (problem: string) => problem.replace(/did you mean [^?]*\?/g, '');
const names = (problems: string[], key: string): boolean =>
  problems.map(withoutSuggestions).some((p) => p.includes(`${key}=`) || p.includes(`parameter ${key} `) || p.includes(`parameter ${key}:`));

/** The config keys whose value was not used (or that were given twice, differently) with no message naming them. */
function silentlyDropped(params: URLSearchParams, result: ConfigResult, problems: string[]): string[] {
  const settingsReset = problems.some((p) => p.includes('do not fit together'));
  const keys = [...NUMBER_KEYS, ...SUBSET_KEYS, ...WORD_KEYS, 'backend', 'kernels', 'exp', 'runs'];
  return keys.filter((key) => {
    const values = params.getAll(key);
    if (values.length === 0 || names(problems, key)) return false;
    if (new Set(values).size > 1) return true;
    return !settingsReset && !taken(key, values[0], result);
  });
}

function experimentFaults(params: URLSearchParams, problems: string[]): string[] {
  const faults: string[] = [];
  const experiment = experimentFromQuery(params.toString());
  if (!MODES.includes(experiment.mode)) faults.push(`mode ${experiment.mode} is not a mode`);
  if (experiment.members.length > MAX_MEMBERS) faults.push(`${experiment.members.length} networks, more than ${MAX_MEMBERS}`);
  experiment.members.forEach((member) => {
    if (typeof memberFromToken(memberToToken(member)) === 'string') faults.push(`network ${JSON.stringify(member)} is not a valid network`);
  });
  const runs = params.get('runs');
  if (runs !== null) {
    const tokens = runs.split(',').filter((token) => token.trim() !== '').length;
    const named = problems.filter((p) => p.startsWith('URL parameter runs:')).length;
    if (experiment.members.length + named !== tokens) faults.push(`runs lists ${tokens} networks; ${experiment.members.length} kept and ${named} named in messages`);
  }
  // The link the page writes back reads the same, with no complaint.
  const back = new URLSearchParams();
  experimentToParams(experiment, back);
  const again = experimentFromQuery(back.toString());
  if (again.problems.length > 0 || again.mode !== experiment.mode || again.members.length !== experiment.members.length) {
    faults.push(`the experiment written back (${back.toString()}) reads differently: ${again.problems.join(' ')}`);
  }
  return faults;
}

function caseFaults(query: string): string[] {
  let config: ConfigResult;
  let experiment: ReturnType<typeof experimentFromQuery>;
  try {
    config = configFromQuery(query);
    experiment = experimentFromQuery(query);
  } catch (error) {
    return [`threw ${String(error)}`];
  }
  const params = new URLSearchParams(query);
  const problems = [...config.problems, ...experiment.problems];
  // A value the user wrote may be echoed back: "NaN" in a message is fine when the link says NaN.
  const written = `${query} ${[...params.entries()].flat().join(' ')}`;
  const faults = problems.flatMap((p) => messageFault(p, written) ?? []);
  const errors = validateConfig(config.config);
  if (Object.keys(errors).length > 0) faults.push(`the config it gives is invalid: ${Object.values(errors).join(' ')}`);
  silentlyDropped(params, config, problems).forEach((key) => faults.push(`${key}=${preview(params.getAll(key).join(' | '), 60)} was not used, and no message says so`));
  faults.push(...experimentFaults(params, problems));
  const again = configFromQuery(configToQuery(config.config, config.backends, config.kernels));
  if (again.problems.length > 0 || JSON.stringify(again.config) !== JSON.stringify(config.config)) {
    faults.push(`the link written back reads differently: ${again.problems.join(' ')}`);
  }
  return faults;
}

describe(`fuzz: ${CASES} hostile page URLs`, () => {
  it('each parses to valid settings, with a clear message for every part it does not use', async () => {
    const seed = await fuzzSeed();
    const before = prototypeSnapshot();
    const failures: string[] = [];
    for (let index = 0; index < CASES; index++) {
      const query = hostileQuery(new Fuzz(caseSeed(seed, index)));
      const faults = caseFaults(query);
      if (faults.length > 0) failures.push(`seed ${seed} case ${index}: ${preview(query)}\n  ${faults.join('\n  ')}`);
    }
    expect(failures.slice(0, 20).join('\n'), `${failures.length} of ${CASES} cases failed`).toBe('');
    expect(prototypeChanges(before)).toEqual([]);
  });
});
