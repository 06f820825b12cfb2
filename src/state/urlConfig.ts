// The configuration lives in the page URL, so a link reproduces a set-up. Parsing is forgiving: junk in a
// URL never breaks the page; each bad part is named in a message and replaced by the default.
import type { KernelMode } from '../model/kernels/kernelMode';
import { DEFAULT_CONFIG, type ModelConfig, type TrainConfig } from '../config';
import { validateConfig, type ConfigField } from '../configValidation';
import { EXPERIMENT_URL_KEYS } from '../experiment/experimentUrl';
import type { BackendName } from '../protocol';
import { shownInput } from '../shownInput';
import { closestKey } from './urlKeySuggestion';

/** ?autotune=on|off and ?kernel=<name> or <class>:<name>,...: how the GPU's kernels are chosen (engine/kernelTuning.ts,
 *  kernels/kernelChoice.ts), for debugging and comparison; kept in the rewritten URL. */
export interface GpuKeys {
  autotune?: 'on' | 'off';
  kernel?: string;
}

type Parsed = { config: TrainConfig; backends?: BackendName[]; kernels?: KernelMode; gpuKeys: GpuKeys; problems: string[] };

const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

/** URL key for each field, short enough to read in a link. */
const KEYS: Record<ConfigField, string> = {
  depth: 'depth',
  blockType: 'net',
  shortcut: 'shortcut',
  block: 'block',
  width: 'width',
  schedule: 'schedule',
  epochs: 'epochs',
  batchSize: 'batch',
  learningRate: 'lr',
  momentum: 'momentum',
  weightDecay: 'wd',
  seed: 'seed',
  trainSubset: 'train',
  testSubset: 'test',
  evalsPerEpoch: 'evals',
  validationSplit: 'split',
  warmup: 'warmup',
};

type FlagField = 'augment' | 'validationSplit' | 'warmup';

/** On/off settings, each written as one of two words: split=45k is §4.2's 45k/5k train/val split, 50k trains
 *  on all training images; warmup=1 is §4.2's lr/10 warm-up (ResNet-110). */
const FLAGS: readonly { field: FlagField; key: string; on: string; off: string }[] = [
  { field: 'augment', key: 'augment', on: '1', off: '0' },
  { field: 'validationSplit', key: KEYS.validationSplit, on: '45k', off: '50k' },
  { field: 'warmup', key: KEYS.warmup, on: '1', off: '0' },
];
const FLAG_FIELDS: ReadonlySet<string> = new Set(FLAGS.map((flag) => flag.field));

/** The fields written as their value (numbers, or words such as net=plain); flags are written by FLAGS. */
const VALUE_FIELDS = (Object.keys(KEYS) as ConfigField[]).filter((field) => !FLAG_FIELDS.has(field));

/** Fields that live in config.model; the rest are on the config itself. */
const MODEL_FIELDS: ReadonlySet<ConfigField> = new Set(['depth', 'blockType', 'shortcut', 'block', 'width']);

function get(config: TrainConfig, field: ConfigField): unknown {
  return MODEL_FIELDS.has(field) ? config.model[field as keyof ModelConfig] : config[field as keyof TrainConfig];
}

function set(config: TrainConfig, field: ConfigField, value: unknown): TrainConfig {
  return MODEL_FIELDS.has(field) ? { ...config, model: { ...config.model, [field]: value } } : { ...config, [field]: value };
}

const TEXT_FIELDS: ReadonlySet<ConfigField> = new Set(['blockType', 'shortcut', 'block', 'schedule']);
const SUBSET_FIELDS: ReadonlySet<ConfigField> = new Set(['trainSubset', 'testSubset']);
/** Fields that take fractions (written as decimals, exponent allowed: wd=1e-4); every other number is a count,
 *  written in plain digits (a sign is let through for the range check to explain; depth=2e1 or batch=0x20, which Number() would read as 20 and 32, are refused). */
const REAL_FIELDS: ReadonlySet<ConfigField> = new Set(['learningRate', 'momentum', 'weightDecay']);
const DIGITS = /^-?\d{1,10}$/;
const DECIMAL = /^[+-]?(\d{1,10}(\.\d{0,20})?|\.\d{1,20})(e[+-]?\d{1,3})?$/i;

/** A value from the URL as a message shows it: one line, and short (a link can carry kilobytes). Every
 *  message below quotes the link through it: the fuzz test found notices that pasted 16,000 characters. */
const shown = (raw: string): string => shownInput(raw);

/** Every key the page reads, and each config field name as another spelling of its key: someone who writes
 *  trainSubset=320 or learningRate=0.05 is told the key (train=, lr=) instead of training on the defaults. */
function keySpellings(known: ReadonlySet<string>): [string, string][] {
  return [...[...known].map((key): [string, string] => [key, key]), ...Object.entries(KEYS)];
}

/** One notice for every unknown key (a link with thousands must not raise thousands of notices); each key it
 *  names gets the closest known key, when one is close enough to be the key that was meant. */
function unknownKeysNotice(keys: string[], known: ReadonlySet<string>): string {
  const spellings = keySpellings(known);
  const named = keys.slice(0, 5).map((key) => ({ key: `“${shown(key)}”`, meant: closestKey(key, spellings) }));
  if (keys.length === 1) {
    const { key, meant } = named[0];
    return `Ignored the unknown URL parameter ${key}${meant ? `: did you mean ${meant}=?` : '.'}`;
  }
  const listed = named.map(({ key, meant }) => (meant ? `${key} (did you mean ${meant}=?)` : key)).join(', ');
  const more = keys.length > 5 ? ` and ${(keys.length - 5).toLocaleString('en')} more` : '';
  return `Ignored ${keys.length.toLocaleString('en')} unknown URL parameters: ${listed}${more}.`;
}

/** A key given twice with different values (depth=20&depth=56): the page reads the first, and says so, since
 *  the user may have meant the other (the fuzz test found the second value dropped without a word). */
function repeatedKeyNotices(params: URLSearchParams, known: ReadonlySet<string>): string[] {
  return [...known].flatMap((key) => {
    const values = params.getAll(key);
    if (new Set(values).size < 2) return [];
    return [`URL parameter ${key} is given ${values.length.toLocaleString('en')} times with different values; only the first, “${shown(values[0])}”, is used.`];
  });
}

export function configToQuery(config: TrainConfig, backends?: BackendName[], kernels?: KernelMode, gpuKeys: GpuKeys = {}): string {
  const params = new URLSearchParams();
  VALUE_FIELDS.forEach((field) => {
    const value = get(config, field);
    params.set(KEYS[field], value === null ? 'all' : String(value));
  });
  FLAGS.forEach((flag) => params.set(flag.key, config[flag.field] ? flag.on : flag.off));
  if (backends && backends.length === 1) params.set('backend', backends[0]);
  if (kernels && kernels !== 'fused') params.set('kernels', kernels);
  if (gpuKeys.autotune) params.set('autotune', gpuKeys.autotune);
  if (gpuKeys.kernel) params.set('kernel', gpuKeys.kernel);
  return params.toString();
}

export function configFromQuery(search: string, defaults: TrainConfig = DEFAULT_CONFIG): Parsed {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  let config = defaults;
  // The experiment's own keys are read by experimentUrl.ts.
  const known = new Set<string>([...Object.values(KEYS), ...FLAGS.map((flag) => flag.key), 'backend', 'kernels', 'autotune', 'kernel', ...EXPERIMENT_URL_KEYS]);
  const unknown = [...new Set([...params.keys()].filter((key) => !known.has(key)))];
  if (unknown.length > 0) problems.push(unknownKeysNotice(unknown, known));
  // The experiment's keys too: this is the one place that looks at the link as a whole.
  problems.push(...repeatedKeyNotices(params, known));

  VALUE_FIELDS.forEach((field) => {
    const raw = params.get(KEYS[field]);
    if (raw === null) return;
    if (TEXT_FIELDS.has(field)) config = set(config, field, raw);
    else if (SUBSET_FIELDS.has(field) && (raw === 'all' || raw === '')) config = set(config, field, null);
    else if (!(REAL_FIELDS.has(field) ? DECIMAL : DIGITS).test(raw)) {
      const kind = REAL_FIELDS.has(field) ? 'a number (like 0.1 or 1e-4)' : 'a whole number written in digits';
      problems.push(`URL parameter ${KEYS[field]}=“${shown(raw)}” is not ${kind}; using ${String(get(defaults, field))}.`);
    } else config = set(config, field, Number(raw));
  });

  FLAGS.forEach(({ field, key, on, off }) => {
    const raw = params.get(key);
    if (raw === null) return;
    if (raw === on || raw === off) config = { ...config, [field]: raw === on };
    else problems.push(`URL parameter ${key}=“${shown(raw)}” must be ${on} or ${off}; using ${defaults[field] ? on : off}.`);
  });

  // Anything that parsed but is not a valid value falls back to the default, with the reason.
  const errors = validateConfig(config);
  (Object.keys(errors) as ConfigField[]).forEach((field) => {
    // Quoted as the link writes it: lr=1e400 parses to Infinity and depth=-0 to 0, which the user never wrote.
    const written = params.get(KEYS[field]) ?? String(get(config, field));
    problems.push(`URL parameter ${KEYS[field]}=“${shown(written)}”: ${errors[field]} Using ${String(get(defaults, field))}.`);
    config = set(config, field, get(defaults, field));
  });

  if (Object.keys(validateConfig(config)).length > 0) {
    problems.push('The URL’s settings do not fit together; using the default configuration.');
    config = defaults;
  }

  let backends: BackendName[] | undefined;
  const backend = params.get('backend');
  if (backend !== null) {
    if ((BACKENDS as readonly string[]).includes(backend)) backends = [backend as BackendName];
    else problems.push(`URL parameter backend=“${shown(backend)}” must be webgpu, webgl or cpu; choosing automatically.`);
  }
  // ?kernels=reference runs the webgpu backend on the reference tfjs ops instead of the fused WGSL kernels;
  // ?kernels=taped runs the fused kernels with every step through tfjs's tape instead of a recorded step.
  let kernels: KernelMode | undefined;
  const kernelParam = params.get('kernels');
  if (kernelParam !== null) {
    if (kernelParam === 'fused' || kernelParam === 'taped' || kernelParam === 'reference') kernels = kernelParam;
    else problems.push(`URL parameter kernels=“${shown(kernelParam)}” must be fused, taped or reference; using the fused kernels.`);
  }
  const gpuKeys: GpuKeys = {};
  const autotune = params.get('autotune');
  if (autotune !== null) {
    if (autotune === 'on' || autotune === 'off') gpuKeys.autotune = autotune;
    else problems.push(`URL parameter autotune=“${shown(autotune)}” must be on or off; timing kernels where the GPU is real.`);
  }
  const kernel = params.get('kernel');
  if (kernel !== null) {
    // Names only; the worker checks them against the kernel classes and says what it could not use.
    if (/^[a-zA-Z0-9:,-]{1,200}$/.test(kernel)) gpuKeys.kernel = kernel;
    else problems.push(`URL parameter kernel=“${shown(kernel)}” must be an implementation name, or class:name pairs separated by commas; it is ignored.`);
  }
  return { config, backends, kernels, gpuKeys, problems };
}
